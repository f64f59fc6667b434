package dev.unlearn4j.method.classifier;

import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/** Exact unlearning: L = CE on D_r, from freshly initialised weights. The gold standard every method is held to. */
public record Retrain(Args args) implements UnlearningMethod {
  /** @param train schedule; unset (default) reuses the schedule that trained the original model */
  public record Args(TrainSpec train) {
    public static Args defaults() {
      return new Args(null);
    }
  }

  @Override
  public Objective objective() {
    return Objective.of(Objective.Term.retainCe());
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
