package dev.unlearn4j.loss;

import dev.unlearn4j.nn.Primitives;

/**
 * Mean cross-entropy −(1/|S|)·Σ_{i∈S} log softmax(z_i)[y_i] over the rows S selected by a mask, built from
 * primitives ({@code sd.loss.sparseSoftmaxCrossEntropy} gives wrong values and gradients in M2.1).
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /** CE on the retain rows of the first view: what keeps the model's utility. */
  public static LossTerm onRetain() {
    return in -> Primitives.maskedMean(in.sd(), Primitives.nll(in.sd(), in.logits(), in.labels()),
        in.retainMask().mul(in.firstView()));
  }

  /** CE on the forget rows of the first view. */
  public static LossTerm onForget() {
    return in -> Primitives.maskedMean(in.sd(), Primitives.nll(in.sd(), in.logits(), in.labels()),
        in.forgetMask().mul(in.firstView()));
  }

  /** −CE on the forget rows: minimising it is gradient ascent on the forget data. */
  public static LossTerm negatedOnForget() {
    return in -> onForget().build(in).neg();
  }
}
