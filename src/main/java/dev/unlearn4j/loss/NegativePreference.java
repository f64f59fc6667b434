package dev.unlearn4j.loss;

import dev.unlearn4j.nn.Primitives;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Negative preference optimisation (NPO, Zhang et al. 2024) on whole forget sequences:
 * L = (2/β)·mean_s softplus(β·(log π_θ(s) − log π_ref(s))) = −(2/β)·mean_s log σ(−β·log(π_θ(s)/π_ref(s))), with
 * log π(s) the summed log-probability of the sequence's tokens. Bounded below by 0, unlike gradient ascent, so the
 * forget likelihood is pushed down ever more gently. Rows are tokens in sequence-major layout (row b·T + t).
 */
public final class NegativePreference {
  private NegativePreference() {}

  /** Placeholder [B]: the reference model's summed log-probability of each sequence (0 for non-forget rows). */
  public static final String REFERENCE_SEQ_LOGP = "reference_seq_logp";
  /** Placeholder [2] (int64): B and T, to fold token rows into sequences. */
  public static final String SHAPE_BT = "shape_bt";

  /**
   * @param logits [B·T, V]
   * @param labels [B·T, V] one-hot next tokens (all-zero rows where no token follows)
   * @param forgetMask [B·T] 1 for the tokens of forget sequences
   * @param referenceSeqLogp [B]
   * @param shapeBt [2] = (B, T)
   */
  public static SDVariable build(SameDiff sd, SDVariable logits, SDVariable labels, SDVariable forgetMask,
      SDVariable referenceSeqLogp, SDVariable shapeBt, double beta) {
    SDVariable tokenLogp = Primitives.logSoftmax(sd, logits, 1).mul(labels).sum(1);                  // [B·T]
    SDVariable seqLogp = sd.reshape(tokenLogp.mul(forgetMask), shapeBt).sum(1);                       // [B]
    SDVariable isForget = sd.reshape(forgetMask, shapeBt).max(1);                                     // [B]
    SDVariable z = seqLogp.sub(referenceSeqLogp).mul(beta);
    SDVariable softplus = sd.math.log(sd.math.exp(z).add(1.0));                                       // [B]
    return Primitives.maskedMean(sd, softplus, isForget).mul(2.0 / beta);
  }

  /** NPO as a loss term; the reference log-probabilities and the shape are placeholders an {@link ExtraFeed} fills. */
  public static LossTerm term(double beta) {
    return LossTerm.meanOver(LossTerm.Rows.FORGET, in -> {
      SameDiff sd = in.sd();
      SDVariable ref = sd.placeHolder(REFERENCE_SEQ_LOGP, in.logits().dataType(), -1);
      SDVariable shape = sd.placeHolder(SHAPE_BT, DataType.INT64, 2);
      return build(sd, in.logits(), in.labels(), in.forgetMask().mul(in.firstView()), ref, shape, beta);
    });
  }
}
