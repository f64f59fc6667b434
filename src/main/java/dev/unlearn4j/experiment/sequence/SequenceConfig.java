package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.config.ComponentSpec;
import dev.unlearn4j.config.ConfigException;

/**
 * A sequence-unlearning experiment (ICU and its baselines), as written in {@code experiments/icu-*.yaml}; the key
 * {@code original} tells it from a classification experiment.
 *
 * @param name experiment name (required); runs go to {@code <output>/<name>/<run-id>/}
 * @param seed drives analogue sampling, batch order and everything else of the unlearning run (default 42)
 * @param original the original model: a checkpoint, or pretrained with planted passages (cached)
 * @param passages the extraction benchmark's files (pool {@code .npy}, forget CSV, unseen {@code .npy}) instead of
 *     the original's {@code passages.jsonl}; needs {@code original.checkpoint}
 * @param forgetSet which planted set to forget (0 … sets − 1; the paper's five runs are sets 0–4)
 * @param method a sequence method, e.g. {@code {name: icu}}
 * @param eval thresholds, metrics and their sizes
 * @param output root directory of run directories (default {@code results})
 * @param checkpointEvery save the unlearning weights and optimiser state every this many steps, for
 *     {@code unlearn run --resume} (default 0: only when training ends; the checks are saved after each one
 *     regardless)
 */
public record SequenceConfig(String name, long seed, OriginalSpec original, PassagesSpec passages, int forgetSet,
    ComponentSpec method, SequenceEvalSpec eval, String output, int checkpointEvery) {

  public static SequenceConfig defaults() {
    return new SequenceConfig(null, 42L, OriginalSpec.defaults(), PassagesSpec.defaults(), 0, null,
        SequenceEvalSpec.defaults(), "results", 0);
  }

  void requireComplete() {
    if (name == null) {
      throw new ConfigException("missing required key 'name'");
    }
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException("key 'name' must use only letters, digits, '.', '_' and '-', got '" + name + "'");
    }
    if (method == null || method.name() == null) {
      throw new ConfigException("missing required key 'method.name'");
    }
    if (checkpointEvery < 0) {
      throw new ConfigException("key 'checkpointEvery' must be >= 0, got " + checkpointEvery);
    }
    if (passages.given() && original.checkpoint().isEmpty()) {
      throw new ConfigException("keys 'passages.*' need 'original.checkpoint' (a model that has seen the pool)");
    }
    if (passages.given() && passages.unseen().isEmpty() && !"paper".equals(eval.thresholds())) {
      throw new ConfigException("key 'eval.thresholds' is 'unseen' but 'passages.unseen' is not set; give unseen "
          + "sequences or use the paper's thresholds (eval.thresholds: paper)");
    }
    if (original.checkpoint().isEmpty() && (forgetSet < 0 || forgetSet >= original.sets())) {
      throw new ConfigException("key 'forgetSet' must lie in 0.." + (original.sets() - 1) + ", got " + forgetSet);
    }
  }
}
