package dev.unlearn4j.method.classifier;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/** Gradient ascent on the forget set: L = −CE on D_f (no retain term). */
public record GradientAscent(Args args) implements UnlearningMethod {
  /** @param train schedule over the forget split (default 5 epochs, batch 8, η 1e-3, adam) */
  public record Args(TrainSpec train) {
    public static Args defaults() {
      return new Args(TrainSpec.defaults().with(5, 8, 1e-3));
    }
  }

  @Override
  public Objective objective() {
    return Objective.of(new Objective.Term("forget_ce_negated", 1.0, CrossEntropy.negatedOnForget()));
  }

  @Override
  public BatchPlan plan(TrainSpec schedule) {
    return BatchPlan.forgetOnly(schedule.batchSize());
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return args.train();
  }
}
