package dev.unlearn4j.train;

import java.util.Optional;

/**
 * A stopping rule as a trainer listener: its test runs after every epoch, or every {@code every} steps, on the
 * model as trained so far, and the first reason it gives ends the phase. The test does the measuring (evaluation
 * lives above {@code train/}); this class decides when it runs and remembers why training stopped.
 */
public final class StopRule implements TrainingListener {
  /** What a rule checks: a reason to stop now, or null to go on. */
  @FunctionalInterface
  public interface Test {
    String reason(TrainerState state);
  }

  private final int every;
  private final Test test;
  private String reason;

  private StopRule(int every, Test test) {
    if (every < 0) {
      throw new IllegalArgumentException("every " + every + " < 0");
    }
    this.every = every;
    this.test = test;
  }

  /** Tested after every epoch. */
  public static StopRule afterEpochs(Test test) {
    return new StopRule(0, test);
  }

  /** Tested every {@code steps} steps; 0: after every epoch. */
  public static StopRule everySteps(int steps, Test test) {
    return new StopRule(steps, test);
  }

  @Override
  public boolean checkDue(TrainerState s) {
    return every > 0 && s.step() % every == 0;
  }

  @Override
  public void onCheck(TrainerState s) {
    reason = test.reason(s);
  }

  @Override
  public void onEpochEnd(TrainerState s) {
    if (every == 0) {
      reason = test.reason(s);
    }
  }

  @Override
  public boolean shouldStop(TrainerState s) {
    return reason != null;
  }

  /** Why the last test said to stop; empty when it did not (the phase ran to its epochs or steps). */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }
}
