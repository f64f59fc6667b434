package dev.unlearn4j.train;

/**
 * Which examples each step sees. One split drives the epoch (an epoch is one pass over it); the other, if used,
 * cycles alongside with its own shuffle, or, with the {@code PAIRED} driver, is index-aligned with the forget split
 * and contributes the partners of each forget batch (ICU's forget passage ↔ analogue pairs).
 *
 * @param driver the split whose pass defines an epoch
 * @param forgetPerStep forget examples per step (0: none)
 * @param retainPerStep retain examples per step (0: none)
 * @param views copies of each step's examples in the forward pass (dropout views; default 1)
 * @param retainPerForget steps each forget batch is reused for, each with the next retain batch (R; default 1)
 * @param minSameClass when above 0, each retain batch is adjusted to hold at least this many examples of every
 *     class present in the forget batch (stratified contrast sampling; default 0 = the plain next batch)
 */
public record BatchPlan(Driver driver, int forgetPerStep, int retainPerStep, int views, int retainPerForget,
    int minSameClass) {
  /** The split that defines an epoch. */
  public enum Driver {
    FORGET,
    RETAIN,
    PAIRED
  }

  public BatchPlan {
    if (driver != Driver.RETAIN && forgetPerStep < 1 || driver == Driver.RETAIN && retainPerStep < 1) {
      throw new IllegalArgumentException("the driving split needs a positive batch size");
    }
    if (views < 1 || retainPerForget < 1 || minSameClass < 0) {
      throw new IllegalArgumentException("views and retainPerForget must be >= 1, minSameClass >= 0");
    }
  }

  public BatchPlan(Driver driver, int forgetPerStep, int retainPerStep) {
    this(driver, forgetPerStep, retainPerStep, 1, 1, 0);
  }

  public static BatchPlan retainOnly(int batchSize) {
    return new BatchPlan(Driver.RETAIN, 0, batchSize);
  }

  /** Batches of forget examples, each with its partners from the index-aligned retain split. */
  public static BatchPlan paired(int batchSize) {
    return new BatchPlan(Driver.PAIRED, batchSize, 0);
  }

  public static BatchPlan forgetOnly(int batchSize) {
    return new BatchPlan(Driver.FORGET, batchSize, 0);
  }
}
