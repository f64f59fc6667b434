package dev.unlearn4j.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Global-norm gradient clipping: g ← g·min(1, c/‖g‖₂) with the norm taken over all variables together. */
public final class GradientClipping {
  private GradientClipping() {}

  /** ‖g‖₂ over every gradient array. */
  public static double globalNorm(Map<String, INDArray> grads) {
    double sq = 0;
    for (INDArray g : grads.values()) {
      if (g != null) {
        double n = g.norm2Number().doubleValue();
        sq += n * n;
      }
    }
    return Math.sqrt(sq);
  }

  /** Scales the gradients in place so that their global norm is at most {@code maxNorm}. */
  public static void scaleTo(Map<String, INDArray> grads, double norm, double maxNorm) {
    if (norm <= maxNorm || norm == 0) {
      return;
    }
    double f = maxNorm / norm;
    for (INDArray g : grads.values()) {
      if (g != null) {
        g.muli(f);
      }
    }
  }
}
