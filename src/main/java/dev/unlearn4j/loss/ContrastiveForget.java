package dev.unlearn4j.loss;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.unlearn4j.config.EnumKey;
import dev.unlearn4j.nn.Primitives;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DeepCUT's forgetting loss L_f on L2-normalised latents z: every anchor a (a forget row) is pushed away from the
 * contrast rows of its own class S(a) and pulled toward the contrast rows of other classes O(a), with similarities
 * s_ac = z_a·z_c/τ:
 *
 * <ul>
 *   <li>{@code textbook}: ℓ(a) = −mean_{c∈O(a)} s_ac + log Σ_{k∈S(a)} exp(s_ak)
 *   <li>{@code lee} (Lee et al.'s code): ℓ(a) = −(1/|O(a)|)·[Σ_{c∈O(a)} s̃_ac − M·log(Σ_{k∈S(a)} exp(s̃_ak) +
 *       ε|S(a)|)], s̃ = s − max_{c∈C} s (detached), M = |C|, ε = 1e−20
 *   <li>{@code all-denominator}: ℓ(a) = −mean_{c∈O(a)} s_ac + log Σ_{k∈C} exp(s_ak)
 * </ul>
 *
 * L_f = mean of ℓ over the anchors with S(a) ≠ ∅ and O(a) ≠ ∅ ({@code skip}); with {@code add-one} an anchor with
 * S(a) = ∅ is kept and its push term is log 1 = 0. No valid anchor gives L_f = 0.
 */
public final class ContrastiveForget {
  private ContrastiveForget() {}

  /** The three readings of the loss (see the class comment). */
  public enum Normalisation {
    TEXTBOOK,
    LEE,
    ALL_DENOMINATOR;

    @JsonValue
    public String key() {
      return EnumKey.of(this);
    }
  }

  /** What happens to an anchor without same-class contrast rows. */
  public enum EmptySet {
    SKIP,
    ADD_ONE;

    @JsonValue
    public String key() {
      return EnumKey.of(this);
    }
  }

  /** The loss term on a batch: anchors are the forget rows, the contrast set the retain rows (all views). */
  public static LossTerm of(double tau, Normalisation norm, EmptySet emptySet) {
    return in -> build(in.sd(), in.latent(), in.labels(), in.forgetMask(), in.retainMask(), tau, norm, emptySet);
  }

  /**
   * @param latent [B, D] representations (normalised here)
   * @param oneHot [B, C] labels
   * @param anchors [B] 1 for anchor rows
   * @param contrast [B] 1 for contrast rows
   * @return scalar L_f
   */
  public static SDVariable build(SameDiff sd, SDVariable latent, SDVariable oneHot, SDVariable anchors,
      SDVariable contrast, double tau, Normalisation norm, EmptySet emptySet) {
    var type = latent.dataType();
    SDVariable norms = sd.math.sqrt(latent.mul(latent).sum(true, 1).add(1e-12));           // [B, 1]
    SDVariable z = latent.div(norms);                                                        // [B, D]
    SDVariable s = sd.mmul(z, z, false, true, false).div(tau);                               // [B, B]
    SDVariable c = sd.expandDims(contrast, 0);                                               // [1, B]
    SDVariable same = sd.mmul(oneHot, oneHot, false, true, false);                           // [B, B] 1 = same class
    SDVariable sMask = same.mul(c);
    SDVariable oMask = same.rsub(1.0).mul(c);
    SDVariable sCount = sMask.sum(1);                                                        // [B]
    SDVariable oCount = oMask.sum(1);
    SDVariable one = sd.constant(Nd4j.scalar(type, 1.0));
    SDVariable hasS = sd.math.min(sCount, one);
    SDVariable hasO = sd.math.min(oCount, one);
    SDVariable valid = anchors.mul(hasO).mul(emptySet == EmptySet.SKIP ? hasS : sd.onesLike(hasS));
    SDVariable safeO = sd.math.max(oCount, one);
    SDVariable pull = s.mul(oMask).sum(1).div(safeO);                                        // mean_{O} s
    // |s| ≤ 1/τ, so exp(s − 1/τ) ≤ 1: a fixed shift keeps the log-sum-exp stable without a data-dependent max
    double shift = 1.0 / tau;
    SDVariable expS = sd.math.exp(s.sub(shift));
    SDVariable sumS = expS.mul(sMask).sum(1);
    SDVariable emptyS = hasS.rsub(1.0);                                  // 1 where S(a) = ∅: log(0 + 1) = 0
    SDVariable loss;
    switch (norm) {
      case TEXTBOOK -> loss = sd.math.log(sumS.add(emptyS)).add(shift).mul(hasS).sub(pull);
      case ALL_DENOMINATOR -> loss = sd.math.log(expS.mul(c).sum(1)).add(shift).sub(pull);
      default -> {
        // s̃ = s − m with m = max over the contrast set, detached as in Lee's code
        SDVariable masked = s.mul(c).add(c.rsub(1.0).mul(-1e4));
        SDVariable m = Primitives.detach(sd, masked.max(1));                                 // [B]
        SDVariable mCol = sd.expandDims(m, 1);
        SDVariable sumTilde = sd.math.exp(s.sub(mCol)).mul(sMask).sum(1);
        SDVariable logPush = sd.math.log(sumTilde.add(sCount.mul(1e-20)).add(emptyS));
        SDVariable pullTilde = s.sub(mCol).mul(oMask).sum(1);
        SDVariable total = contrast.sum();
        loss = pullTilde.sub(logPush.mul(total)).div(safeO).neg();
      }
    }
    SDVariable count = sd.math.max(valid.sum(), one);
    return loss.mul(valid).sum().div(count);
  }
}
