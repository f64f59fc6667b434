package dev.unlearn4j.method.classifier;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/** Exact unlearning: L = CE on D_r, from freshly initialised weights. The gold standard every method is held to. */
public final class Retrain implements UnlearningMethod {
  /** @param train schedule; unset (default) reuses the schedule that trained the original model */
  public record Args(TrainSpec train) {
    public static Args defaults() {
      return new Args(null);
    }
  }

  private final Args args;

  public Retrain(Args args) {
    this.args = args;
  }

  @Override
  public Objective objective() {
    return Objective.of(new Objective.Term("retain_ce", 1.0, CrossEntropy.onRetain()));
  }

  @Override
  public BatchPlan plan(TrainSpec schedule) {
    return BatchPlan.retainOnly(schedule.batchSize());
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return args.train() != null ? args.train() : original;
  }

  @Override
  public boolean fromScratch() {
    return true;
  }
}
