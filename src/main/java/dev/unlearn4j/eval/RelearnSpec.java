package dev.unlearn4j.eval;

import dev.unlearn4j.config.ConfigException;

/**
 * A relearning attack run after unlearning ({@code eval.relearn}): copies of the unlearned model and of a model
 * that never saw the forget data (the oracle) are fine-tuned and measured on one half of the forget set. Knowledge
 * that was only hidden comes back faster than the oracle, which never had it, learns it.
 *
 * @param steps fine-tuning steps of the attack; 0 turns it off (default 0)
 * @param learningRate the attack's learning rate (default 1e-4)
 * @param batchSize examples per attack step (default 8)
 * @param data what the attack fine-tunes on: {@code forget-half} (the other half of the forget set, default) or
 *     {@code related} (no forget data: the retain examples nearest to the forget examples in the original's pooled
 *     representation; for sequence runs the forget passages' analogues)
 */
public record RelearnSpec(int steps, double learningRate, int batchSize, String data) {
  public static final String FORGET_HALF = "forget-half";
  public static final String RELATED = "related";

  public RelearnSpec {
    data = data == null ? FORGET_HALF : data;
    if (!FORGET_HALF.equals(data) && !RELATED.equals(data)) {
      throw new ConfigException("key 'eval.relearn.data' must be one of [forget-half, related], got '" + data + "'");
    }
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
    return new RelearnSpec(0, 1e-4, 8, FORGET_HALF);
  }

  public boolean enabled() {
    return steps > 0;
  }

  /** True: the attack uses no forget data. */
  public boolean related() {
    return RELATED.equals(data);
  }
}
