package dev.unlearn4j.method.generative;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.train.TrainSpec;

/**
 * Gradient difference: gradient ascent on the forget passages and descent on their analogues,
 * L = −CE(forget) + w·CE(analogue), in ICU's paired batches, without the anchor and without refinement; stopped by
 * the MA/EL thresholds.
 */
public record GradDiff(Args args) implements SequenceMethod {
  /**
   * @param retainWeight w (1.0)
   * @param train as ICU: epoch cap 100, batch 8, η 5e-6, adam (0.9, 0.98)
   */
  public record Args(double retainWeight, TrainSpec train) {
    public static Args defaults() {
      return new Args(1.0, Icu.Args.defaults().train());
    }
  }

  @Override
  public Objective objective() {
    return Objective.of(new Objective.Term("unlearn", 1.0, CrossEntropy.negatedOnForget()),
        new Objective.Term("learn", args.retainWeight(), CrossEntropy.onRetain()));
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return args.train();
  }
}
