package dev.unlearn4j.data;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.config.EnumKey;

/**
 * How the forget request is drawn from the training data.
 *
 * @param mode {@code random} (a seeded sample of the training split), {@code mislabelled} (a seeded sample like
 *     random whose labels are replaced by another class before the original is trained, so the original memorises
 *     them and the oracle never sees them), {@code class} (every training example of one label) or {@code ids}
 *     (the ids listed one per line in {@code idsFile}); default random
 * @param fraction share of the training split to forget in random and mislabelled mode (default 0.05); ignored
 *     when count is set
 * @param count number of training examples to forget in random and mislabelled mode (default unset: use fraction)
 * @param label class name to forget in class mode
 * @param idsFile file with one example id per line, for ids mode
 * @param testFraction share of each class held out as the test split, stratified (default 0.2); unused when the
 *     dataset has a separate test file ({@code dataset.args.testPath})
 * @param subset work on a seeded, class-stratified sample of about this many examples (whole documents) drawn
 *     before any split, for CPU-sized experiments; 0 uses the whole dataset (default 0)
 */
public record ForgetSpec(
    Mode mode, double fraction, Integer count, String label, String idsFile, double testFraction, int subset) {

  /** The ways to choose what to forget. */
  public enum Mode {
    RANDOM,
    MISLABELLED,
    CLASS,
    IDS;

    @JsonValue
    public String key() {
      return EnumKey.of(this);
    }
  }

  public ForgetSpec {
    if (fraction <= 0 || fraction >= 1) {
      throw new ConfigException("key 'forget.fraction' must be in (0, 1), got " + fraction);
    }
    if (count != null && count < 1) {
      throw new ConfigException("key 'forget.count' must be >= 1, got " + count);
    }
    if (testFraction <= 0 || testFraction >= 1) {
      throw new ConfigException("key 'forget.testFraction' must be in (0, 1), got " + testFraction);
    }
    if (subset < 0) {
      throw new ConfigException("key 'forget.subset' must be >= 0, got " + subset);
    }
    if (mode == Mode.CLASS && label == null) {
      throw new ConfigException("key 'forget.label' is required when forget.mode is class");
    }
    if (mode == Mode.IDS && idsFile == null) {
      throw new ConfigException("key 'forget.idsFile' is required when forget.mode is ids");
    }
  }

  public static ForgetSpec defaults() {
    return new ForgetSpec(Mode.RANDOM, 0.05, null, null, null, 0.2, 0);
  }
}
