package dev.unlearn4j.experiment;

import dev.unlearn4j.config.ComponentSpec;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.ForgetSpec;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.method.StopSpec;
import dev.unlearn4j.train.TrainSpec;

/**
 * One experiment, as written in {@code experiments/*.yaml}. A file states only what differs from the defaults
 * declared here and next to each component; {@code --set key.path=value} is applied last.
 *
 * @param name experiment name (required); runs go to {@code <output>/<name>/<run-id>/}
 * @param seed the one seed that drives data splits, initialisation, shuffling and dropout (default 42)
 * @param dataset the dataset (required), e.g. {@code {name: synthetic-blobs}}
 * @param model the model family (required), e.g. {@code {name: mlp, args: {hidden: 32}}}
 * @param method the unlearning method (required), e.g. {@code {name: gradient-ascent}}
 * @param forget which examples to forget and how much data is held out for testing
 * @param train how the original model (and the retrained oracle) are trained
 * @param eval which metrics are computed, and whether the retrain-from-scratch oracle is trained
 * @param stop one stopping rule for every unlearning method of the experiment (default: each method's own)
 * @param output root directory of run directories (default {@code results})
 * @param checkpointEvery save a training checkpoint every this many steps, for {@code unlearn run --resume}
 *     and at the end of each phase (default 0: none; a resumed run then starts over from its first phase)
 * @param modelCache reuse trained original models and oracles across runs: {@code ""} (default, off), {@code user}
 *     (the user cache, {@code $UNLEARN4J_CACHE/classifiers}) or a directory; entries are keyed by a hash of the
 *     dataset, model, train and forget keys and the seed
 */
public record ExperimentConfig(
    String name,
    long seed,
    ComponentSpec dataset,
    ComponentSpec model,
    ComponentSpec method,
    ForgetSpec forget,
    TrainSpec train,
    EvalSpec eval,
    StopSpec stop,
    String output,
    int checkpointEvery,
    String modelCache) {

  /** Defaults for everything that has one; the required components are null until a file names them. */
  public static ExperimentConfig defaults() {
    return new ExperimentConfig(
        null, 42L, null, null, null, ForgetSpec.defaults(), TrainSpec.defaults(), EvalSpec.defaults(),
        StopSpec.defaults(), "results",
        0, "");
  }

  /** Fails on the first missing required key. */
  void requireComplete() {
    require(name, "name");
    require(dataset, "dataset");
    require(dataset.name(), "dataset.name");
    require(model, "model");
    require(model.name(), "model.name");
    require(method, "method");
    require(method.name(), "method.name");
    require(modelCache, "modelCache");
    if (checkpointEvery < 0) {
      throw new ConfigException("key 'checkpointEvery' must be >= 0, got " + checkpointEvery);
    }
    if (!isDirectoryName(name)) {
      throw new ConfigException("key 'name' must use only letters, digits, '.', '_' and '-' (not '.' or '..'), got '"
          + name + "'");
    }
  }

  /** A name that is one directory below its parent: letters, digits, '.', '_', '-', and not '.' or '..'. */
  public static boolean isDirectoryName(String s) {
    return s.matches("[A-Za-z0-9._-]+") && !s.equals(".") && !s.equals("..");
  }

  private static void require(Object value, String key) {
    if (value == null) {
      throw new ConfigException("missing required key '" + key + "'");
    }
  }
}
