package dev.unlearn4j.eval.generation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Memorisation accuracy, token entropy and windowed perplexity, computed from model outputs given as data. */
public final class SequenceMetrics {
  private SequenceMetrics() {}

  /**
   * MA(x) = (1/(T−1))·Σ_{t=1}^{T−1} 𝟙[a_t = x_t], with a_t the argmax prediction for position t from the true
   * prefix x_{<t} (teacher forcing).
   *
   * @param argmax argmax[t] for t = 1..T−1 (argmax[0] is ignored)
   */
  public static double memorisationAccuracy(int[] x, int[] argmax) {
    if (x.length < 2) {
      return Double.NaN;
    }
    int hits = 0;
    for (int t = 1; t < x.length; t++) {
      if (argmax[t] == x[t]) {
        hits++;
      }
    }
    return (double) hits / (x.length - 1);
  }

  /** H = −Σ_v (c_v/m)·log2(c_v/m) over the token counts of a generation, in bits; 0 for an empty one. */
  public static double tokenEntropy(int[] generated) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int g : generated) {
      counts.merge(g, 1, Integer::sum);
    }
    double h = 0;
    for (int c : counts.values()) {
      double p = (double) c / generated.length;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h == 0 ? 0.0 : h;   // no −0.0
  }

  /** |distinct ids| / m. */
  public static double diversity(int[] generated) {
    return generated.length == 0 ? 0 : (double) Arrays.stream(generated).distinct().count()
        / generated.length;
  }

  /** Perplexity over non-overlapping windows: window means, then exp of their mean, and the token-weighted form. */
  public record Perplexity(double windowed, double tokenWeighted, int windows, int tokens) {}

  /**
   * @param nll nll[p] = −log p(u_p | window prefix) for every position p of the token stream; a window's first
   *     position has no prediction and is ignored
   * @param window window length L
   */
  public static Perplexity perplexity(double[] nll, int window) {
    double sumOfMeans = 0;
    double total = 0;
    int windows = 0;
    int tokens = 0;
    for (int start = 0; start < nll.length; start += window) {
      int end = Math.min(nll.length, start + window);
      if (end - start < 2) {
        continue;                        // a one-token window predicts nothing
      }
      double s = 0;
      for (int p = start + 1; p < end; p++) {
        s += nll[p];
      }
      sumOfMeans += s / (end - start - 1);
      total += s;
      tokens += end - start - 1;
      windows++;
    }
    return new Perplexity(Math.exp(sumOfMeans / windows), Math.exp(total / tokens), windows, tokens);
  }
}
