package dev.unlearn4j.method.classifier;

import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/** Naive unlearning: L = CE on D_r, continuing from the original model, so D_f fades only by interference. */
public record NaiveFinetune(Args args) implements UnlearningMethod {
  /** @param train schedule (default 2 epochs, batch 32, η 1e-3, adam) */
  public record Args(TrainSpec train) {
    public static Args defaults() {
      return new Args(TrainSpec.defaults().with(2, 32, 1e-3));
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
    return args.train();
  }
}
