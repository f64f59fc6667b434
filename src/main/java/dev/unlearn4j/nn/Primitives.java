package dev.unlearn4j.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff compositions that replace M2.1 ops known to be wrong (see the platform notes): log-softmax and
 * cross-entropy are built from primitives, and every axis is non-negative.
 */
public final class Primitives {
  private Primitives() {}

  /**
   * Numerically stable log-softmax over {@code axis} (must be the last axis, given as a non-negative number).
   * {@code sd.nn.logSoftmax} breaks differentiation in M2.1, so it is not used.
   */
  public static SDVariable logSoftmax(SameDiff sd, SDVariable x, int axis) {
    SDVariable shifted = x.sub(x.max(true, axis));                           // max is a constant shift: stable
    return shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, axis)));
  }

  /**
   * Per-row negative log-likelihood of one-hot targets.
   *
   * @param logits [B, C]
   * @param oneHot [B, C]
   * @return [B]
   */
  public static SDVariable nll(SameDiff sd, SDVariable logits, SDVariable oneHot) {
    return logSoftmax(sd, logits, 1).mul(oneHot).sum(1).neg();
  }

  /**
   * Mean of {@code values} over rows whose mask is 1; 0 when the mask is empty (no division by zero).
   *
   * @param values [B]
   * @param mask [B] of 0/1
   */
  public static SDVariable maskedMean(SameDiff sd, SDVariable values, SDVariable mask) {
    // max(count, 1): an empty mask gives 0/1 = 0 instead of NaN
    SDVariable count = sd.math.max(mask.sum(), sd.constant(Nd4j.scalar(mask.dataType(), 1.0)));
    return values.mul(mask).sum().div(count);
  }

  /**
   * The value of x with no gradient (M2.1 has no stop-gradient op): floor(x·2⁴⁰)/2⁴⁰. floor has a zero
   * derivative; the scaling keeps the value exact to about 1e−12 in double for |x| below a few thousand, and exact
   * in float (where x·2⁴⁰ has no fractional bits left).
   */
  public static SDVariable detach(SameDiff sd, SDVariable x) {
    double scale = 1099511627776.0;   // 2^40
    return sd.math.floor(x.mul(scale)).div(scale);
  }
}
