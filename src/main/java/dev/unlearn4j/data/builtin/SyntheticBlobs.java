package dev.unlearn4j.data.builtin;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.DatasetSource;
import dev.unlearn4j.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Gaussian clusters, one per class, with centres drawn on a sphere of radius {@code separation}. Small, fast and
 * learnable: the data of smoke runs and tests. Its own {@code dataSeed} fixes the data, so changing the experiment
 * seed changes splits and training but not the dataset.
 */
public final class SyntheticBlobs implements DatasetSource {
  /**
   * @param classes number of classes (default 3)
   * @param features feature width (default 8)
   * @param perClass examples per class (default 100)
   * @param separation distance of each class centre from the origin (default 2.0)
   * @param noise standard deviation of each feature around its centre (default 1.0)
   * @param dataSeed seed of the generator (default 1234)
   */
  public record Args(int classes, int features, int perClass, double separation, double noise, long dataSeed) {
    public Args {
      if (classes < 2) {
        throw new ConfigException("key 'dataset.args.classes' must be >= 2, got " + classes);
      }
      if (features < 1 || perClass < 2) {
        throw new ConfigException("keys 'dataset.args.features' and 'perClass' must be >= 1 and >= 2");
      }
    }

    public static Args defaults() {
      return new Args(3, 8, 100, 2.0, 1.0, 1234L);
    }
  }

  private final Args args;

  public SyntheticBlobs(Args args) {
    this.args = args;
  }

  @Override
  public Dataset load() {
    Random rng = new Random(args.dataSeed());
    double[][] centres = new double[args.classes()][args.features()];
    for (double[] c : centres) {
      double norm = 0;
      for (int j = 0; j < c.length; j++) {
        c[j] = rng.nextGaussian();
        norm += c[j] * c[j];
      }
      for (int j = 0; j < c.length; j++) {
        c[j] *= args.separation() / Math.sqrt(norm);
      }
    }
    List<Example> examples = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int c = 0; c < args.classes(); c++) {
      labels.add("c" + c);
    }
    // interleave classes so the dataset order carries no label information
    for (int i = 0; i < args.perClass(); i++) {
      for (int c = 0; c < args.classes(); c++) {
        float[] x = new float[args.features()];
        for (int j = 0; j < x.length; j++) {
          x[j] = (float) (centres[c][j] + args.noise() * rng.nextGaussian());
        }
        examples.add(new Example(String.format("blob-%d-%04d", c, i), c, null, x));
      }
    }
    return new Dataset("synthetic-blobs", labels, examples, Map.of());
  }
}
