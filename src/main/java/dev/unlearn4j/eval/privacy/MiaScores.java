package dev.unlearn4j.eval.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Membership-inference scores of one sequence, signed like a loss: higher means less likely a training member.
 * Inputs are the token log-probabilities ℓ_t = log p(x_t | x_{<t}) of the predicted positions.
 */
public final class MiaScores {
  private MiaScores() {}

  /** LOSS: the mean NLL −(1/n)·Σ ℓ_t; 0 for an empty sequence. */
  public static double loss(double[] logProbs) {
    if (logProbs.length == 0) {
      return 0;
    }
    double s = 0;
    for (double l : logProbs) {
      s -= l;
    }
    return s / logProbs.length;
  }

  /** zlib: LOSS divided by the zlib-compressed byte length of the UTF-8 text (default level). */
  public static double zlib(double[] logProbs, String text) {
    return loss(logProbs) / zlibLength(text);
  }

  public static int zlibLength(String text) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
    d.setInput(text.getBytes(StandardCharsets.UTF_8));
    d.finish();
    byte[] buf = new byte[64 + 2 * text.length() * 4];
    int n = 0;
    while (!d.finished()) {
      n += d.deflate(buf, n, buf.length - n);
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
    d.end();
    return n;
  }

  /** min-k%: −mean of the K = max(1, ⌊k·n⌋) smallest ℓ_t. */
  public static double minK(double[] logProbs, double k) {
    return -meanOfSmallest(logProbs, k);
  }

  /**
   * min-k%++: z_t = (ℓ_t − μ_t)/σ_t with μ_t = Σ_v p_v·log p_v and σ_t² = max(Σ_v p_v·(log p_v)² − μ_t², 1e−6)
   * over the full next-token distribution; the score is −mean of the K smallest z_t.
   *
   * @param distributions distributions[t] = p(· | x_{<t}) over the vocabulary, for each predicted position
   * @param targets the token at each predicted position
   */
  public static double minKPlusPlus(double[][] distributions, int[] targets, double k) {
    double[] logProbs = new double[targets.length];
    double[] mean = new double[targets.length];
    double[] std = new double[targets.length];
    for (int t = 0; t < targets.length; t++) {
      double mu = 0;
      double second = 0;
      for (double p : distributions[t]) {
        if (p > 0) {
          double lp = Math.log(p);
          mu += p * lp;
          second += p * lp * lp;
        }
      }
      logProbs[t] = Math.log(distributions[t][targets[t]]);
      mean[t] = mu;
      std[t] = Math.sqrt(Math.max(second - mu * mu, 1e-6));
    }
    return minKPlusPlus(logProbs, mean, std, k);
  }

  /** min-k%++ from each position's ℓ_t, μ_t and σ_t (as {@code CausalLm.score} returns them). */
  public static double minKPlusPlus(double[] logProbs, double[] mean, double[] std, double k) {
    double[] z = new double[logProbs.length];
    for (int t = 0; t < z.length; t++) {
      z[t] = (logProbs[t] - mean[t]) / std[t];
    }
    return -meanOfSmallest(z, k);
  }

  private static double meanOfSmallest(double[] values, double k) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int kk = Math.max(1, (int) Math.floor(k * values.length));
    double s = 0;
    for (int i = 0; i < kk; i++) {
      s += sorted[i];
    }
    return s / kk;
  }
}
