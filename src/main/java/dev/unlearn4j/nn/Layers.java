package dev.unlearn4j.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Transformer pieces written from primitives: M2.1's {@code sd.nn.layerNorm} has no eps argument and
 * {@code sd.nn.gelu} is neither the erf (BERT) nor guaranteed to be the tanh (GPT) form.
 */
public final class Layers {
  private Layers() {}

  /**
   * LayerNorm over the last axis: (x − μ)/√(σ² + eps)·γ + β with the biased variance, as PyTorch computes it.
   *
   * @param x [N, D]
   * @param axis the last axis, non-negative
   */
  public static SDVariable layerNorm(SDVariable x, SDVariable gamma, SDVariable beta, double eps, int axis) {
    SameDiff sd = x.getSameDiff();
    SDVariable xc = x.sub(x.mean(true, axis));
    SDVariable var = xc.mul(xc).mean(true, axis);
    return xc.div(sd.math.sqrt(var.add(eps))).mul(gamma).add(beta);
  }

  /** Exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x/√2)) (BERT). */
  public static SDVariable geluErf(SDVariable x) {
    SameDiff sd = x.getSameDiff();
    return x.mul(0.5).mul(sd.math.erf(x.div(Math.sqrt(2.0))).add(1.0));
  }

  /** tanh-approximated GELU, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (GPT-2, GPT-Neo). */
  public static SDVariable geluTanh(SDVariable x) {
    SameDiff sd = x.getSameDiff();
    SDVariable inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2.0 / Math.PI));
    return x.mul(0.5).mul(sd.math.tanh(inner).add(1.0));
  }

  /**
   * y = x·W + b with W stored [in, out] (the ONNX export's layout; a PyTorch Linear weight transposed).
   *
   * @param x [N, in]
   */
  public static SDVariable dense(SDVariable x, SDVariable w, SDVariable b) {
    return b == null ? x.mmul(w) : x.mmul(w).add(b);
  }

  /**
   * Inverted dropout with an externally drawn, already scaled keep-mask ({@link #drawMask}): x·m. The mask comes
   * from a seeded RNG so that runs are reproducible (M2.1's dropout op does not rescale kept values). The scale
   * lives in the mask rather than in a second op, which saves one op and its backward per site (on MiniLM's
   * attention probabilities a [B, H, T, T] array each) and gives the same bits: x·1·s = x·s.
   *
   * @param mask same shape as x, entries 0 or 1/(1−p); null means no dropout (evaluation)
   */
  public static SDVariable dropout(SDVariable x, SDVariable mask) {
    return mask == null ? x : x.mul(mask);
  }

  /**
   * Fills {@code mask} in place with an inverted-dropout keep-mask: each entry kept with probability 1−p and then
   * worth 1/(1−p), else 0.
   */
  public static INDArray drawMask(INDArray mask, double p, Random rng) {
    Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - p), rng);
    return mask.muli(1.0 / (1.0 - p));
  }
}
