package dev.unlearn4j.loss;

import dev.unlearn4j.nn.Primitives;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keeps a model close to a frozen reference model on chosen rows. {@link #build} is KL(p_ref ‖ p_θ) per row;
 * {@link #icu} is ICU's anchor, the cross-entropy H(p_ref, p_θ) = KL + H(p_ref) (same gradient; the value the
 * official code logs). The reference's logits enter as data, never as a gradient path.
 */
public final class KlToReference {
  private KlToReference() {}

  /** Placeholder [N, V]: the frozen reference model's logits for every row of the batch. */
  public static final String REFERENCE_LOGITS = "reference_logits";
  /** Placeholder [N]: 1 for the rows the anchor averages over. */
  public static final String KL_MASK = "kl_mask";

  /**
   * @param logits [N, V] the trained model's scores
   * @param referenceLogits [N, V] the frozen model's scores (a placeholder or constant: no gradient)
   * @param mask [N] rows that count
   */
  public static SDVariable build(SameDiff sd, SDVariable logits, SDVariable referenceLogits, SDVariable mask) {
    SDVariable logP = Primitives.logSoftmax(sd, logits, 1);
    SDVariable logRef = Primitives.logSoftmax(sd, referenceLogits, 1);
    SDVariable kl = sd.math.exp(logRef).mul(logRef.sub(logP)).sum(1);                  // [N]
    return Primitives.maskedMean(sd, kl, mask);
  }

  /**
   * −Σ_v p_ref(v)·log(p_θ(v) + 1e−12) per row, averaged over the mask's rows, exactly as ICU's code computes it
   * (the 1e−12 included).
   */
  public static SDVariable crossEntropy(SameDiff sd, SDVariable logits, SDVariable referenceLogits,
      SDVariable mask) {
    return fromLogProbs(sd, Primitives.logSoftmax(sd, logits, 1), referenceLogits, mask);
  }

  /** {@link #crossEntropy} from the trained model's log-probabilities {@code logSoftmax} [N, V]. */
  static SDVariable fromLogProbs(SameDiff sd, SDVariable logSoftmax, SDVariable referenceLogits, SDVariable mask) {
    SDVariable logP = sd.math.log(sd.math.exp(logSoftmax).add(1e-12));
    SDVariable pRef = sd.math.exp(Primitives.logSoftmax(sd, referenceLogits, 1));
    return Primitives.maskedMean(sd, pRef.mul(logP).sum(1).neg(), mask);                // [N] → scalar
  }

  /** ICU's anchor as a loss term; its reference logits and row mask are placeholders an {@link ExtraFeed} fills. */
  public static LossTerm icu() {
    return LossTerm.meanOver(LossTerm.Rows.RETAIN, in -> {
      SameDiff sd = in.sd();
      SDVariable ref = sd.placeHolder(REFERENCE_LOGITS, in.logits().dataType(), -1, -1);
      SDVariable mask = sd.placeHolder(KL_MASK, in.logits().dataType(), -1);
      return fromLogProbs(sd, in.logProbs(), ref, mask);
    });
  }
}
