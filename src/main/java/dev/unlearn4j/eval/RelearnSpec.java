package dev.unlearn4j.eval;

import dev.unlearn4j.config.ConfigException;

/**
 * A relearning attack run after unlearning ({@code eval.relearn}): copies of the unlearned model and of the oracle
 * are fine-tuned on one half of the forget set and measured on the other half. Knowledge that was only hidden comes
 * back faster than the oracle, which never had it, learns it.
 *
 * @param steps fine-tuning steps of the attack; 0 turns it off (default 0)
 * @param learningRate the attack's learning rate (default 1e-4)
 * @param batchSize examples per attack step (default 8)
 */
public record RelearnSpec(int steps, double learningRate, int batchSize) {
  public RelearnSpec {
    if (steps < 0) {
      throw new ConfigException("key 'eval.relearn.steps' must be >= 0, got " + steps);
    }
    if (!(learningRate > 0)) {
      throw new ConfigException("key 'eval.relearn.learningRate' must be > 0, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new ConfigException("key 'eval.relearn.batchSize' must be >= 1, got " + batchSize);
    }
  }

  public static RelearnSpec defaults() {
    return new RelearnSpec(0, 1e-4, 8);
  }

  public boolean enabled() {
    return steps > 0;
  }
}
