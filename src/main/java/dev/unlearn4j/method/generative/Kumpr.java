package dev.unlearn4j.method.generative;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/**
 * KUMPR, knowledge unlearning by gradient ascent (Jang et al. 2023): L = −CE over the whole forget passages, one
 * full-batch step per epoch, adam (0.9, 0.98) at η 5e-5, stopped when MA and EL₁₀ fall below the thresholds. No
 * analogues, no anchor, no refinement.
 */
public record Kumpr(Args args) implements SequenceMethod {
  /** @param train epochs = the epoch cap (100); batchSize = the forget-set size (128: one step per epoch) */
  public record Args(TrainSpec train) {
    public static Args defaults() {
      return new Args(new TrainSpec(100, 128, 5e-5, TrainSpec.Optimizer.ADAM, 0.9, 0.0, 0.0, 0, 0.98));
    }
  }

  @Override
  public Objective objective() {
    return Objective.of(new Objective.Term("unlearn", 1.0, CrossEntropy.negatedOnForget()));
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
