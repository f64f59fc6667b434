package dev.unlearn4j.data;

import dev.unlearn4j.config.Registry;
import dev.unlearn4j.data.builtin.SyntheticBlobs;

/** Every dataset unlearn4j knows, by name. */
public final class Datasets {
  private Datasets() {}

  public static final Registry<DatasetSource> REGISTRY = new Registry<DatasetSource>("dataset")
      .add("synthetic-blobs", "Gaussian clusters, one per class (generated; 300 examples, 3 classes by default)",
          SyntheticBlobs.Args.class, SyntheticBlobs.Args::defaults, SyntheticBlobs::new);
}
