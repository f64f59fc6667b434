package dev.unlearn4j.loss;

import dev.unlearn4j.nn.Primitives;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Mean cross-entropy −(1/|S|)·Σ_{i∈S} log softmax(z_i)[y_i] over the rows S selected by a mask, built from
 * primitives ({@code sd.loss.sparseSoftmaxCrossEntropy} gives wrong values and gradients in M2.1).
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /** Placeholder [N, V]: one-hot targets for rows whose targets come from elsewhere (see {@link #toPartner}). */
  public static final String PARTNER_LABELS = "partner_labels";
  /** Placeholder [N]: 1 for the rows that {@link #toPartner} averages over. */
  public static final String PARTNER_MASK = "partner_mask";

  /** CE on the retain rows of the first view: what keeps the model's utility. */
  public static LossTerm onRetain() {
    return LossTerm.meanOver(LossTerm.Rows.RETAIN, in -> Primitives.maskedMean(in.sd(), in.nll(in.labels()),
        in.retainMask().mul(in.firstView())));
  }

  /** CE on the forget rows of the first view. */
  public static LossTerm onForget() {
    return LossTerm.meanOver(LossTerm.Rows.FORGET, in -> Primitives.maskedMean(in.sd(), in.nll(in.labels()),
        in.forgetMask().mul(in.firstView())));
  }

  /**
   * CE of the forget rows against their paired analogue's tokens — the forget passage as input, the analogue as
   * labels — which LLMU and PO use to steer a forget prompt toward other text. Targets and mask are placeholders
   * an {@link ExtraFeed} fills (sequence models: {@code PartnerTargets}).
   */
  public static LossTerm toPartner() {
    return LossTerm.meanOver(LossTerm.Rows.FORGET, in -> {
      SameDiff sd = in.sd();
      var labels = sd.placeHolder(PARTNER_LABELS, in.logits().dataType(), -1, -1);     // [N, V]
      var mask = sd.placeHolder(PARTNER_MASK, in.logits().dataType(), -1);             // [N]
      return Primitives.maskedMean(sd, in.nll(labels), mask);
    });
  }

  /** −CE on the forget rows: minimising it is gradient ascent on the forget data. */
  public static LossTerm negatedOnForget() {
    return LossTerm.meanOver(LossTerm.Rows.FORGET, in -> onForget().build(in).neg());
  }
}
