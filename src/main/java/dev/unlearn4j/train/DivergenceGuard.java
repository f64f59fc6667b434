package dev.unlearn4j.train;

/** Stops training on a NaN or infinite loss or gradient norm, naming the phase and step. */
public final class DivergenceGuard {
  private DivergenceGuard() {}

  public static void check(String phase, int step, double loss, double gradNorm) {
    if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
      throw new DivergenceException(String.format(
          "training diverged in phase '%s' at step %d (loss %s, gradient norm %s): lower the learning rate "
              + "or enable clipping", phase, step, loss, gradNorm));
    }
  }
}
