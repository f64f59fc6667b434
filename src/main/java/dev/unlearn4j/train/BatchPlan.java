package dev.unlearn4j.train;

/**
 * Which examples each step sees. One split drives the epoch (an epoch is one pass over it); the other, if used,
 * cycles alongside with its own shuffle.
 *
 * @param driver the split whose pass defines an epoch
 * @param forgetPerStep forget examples per step (0: none)
 * @param retainPerStep retain examples per step (0: none)
 */
public record BatchPlan(Driver driver, int forgetPerStep, int retainPerStep) {
  /** The split that defines an epoch. */
  public enum Driver {
    FORGET,
    RETAIN
  }

  public BatchPlan {
    if (driver == Driver.FORGET && forgetPerStep < 1 || driver == Driver.RETAIN && retainPerStep < 1) {
      throw new IllegalArgumentException("the driving split needs a positive batch size");
    }
  }

  public static BatchPlan retainOnly(int batchSize) {
    return new BatchPlan(Driver.RETAIN, 0, batchSize);
  }

  public static BatchPlan forgetOnly(int batchSize) {
    return new BatchPlan(Driver.FORGET, batchSize, 0);
  }
}
