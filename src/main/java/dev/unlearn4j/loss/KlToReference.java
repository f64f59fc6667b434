package dev.unlearn4j.loss;

import dev.unlearn4j.nn.Primitives;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * KL(p_ref ‖ p_θ) = Σ_v p_ref(v)·(log p_ref(v) − log p_θ(v)) per row, averaged over the rows of a mask: keeps a
 * model close to a frozen reference model (ICU's KL term; the reference's logits are fed as a placeholder).
 */
public final class KlToReference {
  private KlToReference() {}

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
}
