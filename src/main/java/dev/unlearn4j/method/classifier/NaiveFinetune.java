package dev.unlearn4j.method.classifier;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/** Naive unlearning: L = CE on D_r, continuing from the original model, so D_f fades only by interference. */
public final class NaiveFinetune implements UnlearningMethod {
  /** @param train schedule (default 2 epochs, batch 32, η 1e-3, adam) */
  public record Args(TrainSpec train) {
    public static Args defaults() {
      return new Args(TrainSpec.defaults().with(2, 32, 1e-3));
    }
  }

  private final Args args;

  public NaiveFinetune(Args args) {
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
    return args.train();
  }
}
