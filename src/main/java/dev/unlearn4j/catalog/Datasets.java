package dev.unlearn4j.catalog;

import dev.unlearn4j.config.Registry;
import dev.unlearn4j.data.DatasetSource;
import dev.unlearn4j.data.builtin.BrownGenres;
import dev.unlearn4j.data.builtin.Sotu;
import dev.unlearn4j.data.builtin.SpamAssassin;
import dev.unlearn4j.data.builtin.SyntheticBlobs;
import dev.unlearn4j.data.io.CsvSource;
import dev.unlearn4j.data.io.JsonlSource;
import dev.unlearn4j.data.io.TextFolderSource;

/** Every dataset unlearn4j knows, by name. */
public final class Datasets {
  private Datasets() {}

  public static final Registry<DatasetSource> REGISTRY = new Registry<DatasetSource>("dataset")
      .add("spamassassin", "SpamAssassin emails, ham 4,150 / spam 1,896 (5,897 after removing duplicates)",
          SpamAssassin.Args.class, SpamAssassin.Args::defaults, SpamAssassin::new)
      .add("brown-genres", "Brown corpus, 500 documents in 15 genres, as 100-word passages (11,601)",
          BrownGenres.Args.class, BrownGenres.Args::defaults, BrownGenres::new)
      .add("sotu", "State of the Union, 233 addresses; party classes d 90 / r 92 as 200-word passages",
          Sotu.Args.class, Sotu.Args::defaults, Sotu::new)
      .add("csv", "your CSV file: text, label[, id, group] columns", CsvSource.Args.class,
          CsvSource.Args::defaults, CsvSource::new)
      .add("jsonl", "your JSON Lines file: text, label[, id, group] fields", JsonlSource.Args.class,
          JsonlSource.Args::defaults, JsonlSource::new)
      .add("text-folder", "your folder of <label>/<file> text files", TextFolderSource.Args.class,
          TextFolderSource.Args::defaults, TextFolderSource::new)
      .add("synthetic-blobs", "Gaussian clusters, one per class (generated; 300 examples, 3 classes by default)",
          SyntheticBlobs.Args.class, SyntheticBlobs.Args::defaults, SyntheticBlobs::new);
}
