package dev.unlearn4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared tiny configs and data for tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A complete, seconds-long experiment on generated data, writing under {@code output}. */
  public static String tinyExperimentYaml(Path output, String method) {
    return """
        name: tiny
        seed: 11
        dataset:
          name: synthetic-blobs
          args: {perClass: 40, features: 4}
        model:
          name: mlp
          args: {hidden: 8}
        method:
          name: %s
          args:
            train: {epochs: 2, batchSize: 8, learningRate: 0.01}
        forget: {fraction: 0.1}
        train: {epochs: 4, batchSize: 16, learningRate: 0.02}
        output: %s
        """.formatted(method, output.toString());
  }

  /**
   * ICU on the tiny preset, seconds per epoch: an original pretrained with 4 planted 32-token passages (in
   * {@link #originalCache()}, so every test using this config pretrains it once), refinement and per-epoch checks.
   */
  public static String tinyIcuYaml(String name, Path output) {
    return """
        name: %s
        seed: 5
        original: {preset: tiny, steps: 250, addresses: 1, seed: 5, sets: 1, perSet: 4, length: 32, repeats: 100,
          cache: %s}
        forgetSet: 0
        method:
          name: icu
          args:
            refinement: {f1: 0.5, bleu: 0.01}
            train: {epochs: 3, batchSize: 2, learningRate: 0.003}
        eval:
          layout: {prefixStart: 16, prefixLength: 8, suffixLength: 8, beams: 2}
          elN: 3
          unseenPassages: 8
          analogueCandidates: 40
          samples: 2
          clozeContext: 8
          jangEl: true
        output: %s
        """.formatted(name, originalCache(), output);
  }

  private static Path originals;

  /**
   * A cache directory for pretrained originals, shared by the test classes of one test JVM (the tiny pretraining
   * is the slowest part of the sequence tests) and deleted when the JVM exits.
   */
  public static synchronized Path originalCache() {
    if (originals == null) {
      try {
        originals = Files.createTempDirectory("unlearn4j-originals");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      Path root = originals;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var all = Files.walk(root)) {
          all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
          // best effort: a temporary directory
        }
      }));
    }
    return originals;
  }

  public static Path write(Path dir, String name, String content) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, content);
      return p;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
