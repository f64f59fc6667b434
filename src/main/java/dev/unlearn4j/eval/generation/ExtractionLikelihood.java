package dev.unlearn4j.eval.generation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Extraction likelihood EL_n: how much of a sequence's true continuation the model's greedy continuations
 * reproduce, counted on n-grams. Overlap_n(a, ℓ) = #{g ∈ ngrams_n(a) (with repeats) : g ∈ set(ngrams_n(ℓ))} /
 * |ngrams_n(ℓ)|, skipped when |ℓ| < n.
 */
public final class ExtractionLikelihood {
  private ExtractionLikelihood() {}

  /**
   * Overlap of a predicted continuation with the true one; NaN when the label has fewer than n tokens.
   */
  public static double overlap(int[] predicted, int[] label, int n) {
    if (label.length < n) {
      return Double.NaN;
    }
    Set<List<Integer>> labelGrams = new HashSet<>();
    for (int i = 0; i + n <= label.length; i++) {
      labelGrams.add(gram(label, i, n));
    }
    int hits = 0;
    for (int i = 0; i + n <= predicted.length; i++) {
      if (labelGrams.contains(gram(predicted, i, n))) {
        hits++;
      }
    }
    return (double) hits / (label.length - n + 1);
  }

  /**
   * EL_n of one sequence x of length T from its greedy continuations.
   *
   * @param continuations continuations[i] = the generated part f(x_{<i})_{i:T} for prompt length i; entries for
   *     i below {@code start} are ignored (may be null)
   * @param start first prompt length: 1 for Jang et al.'s variant, s (150 for T = 200) for ICU's
   * @return Σ_{i=start}^{T−1} Overlap_n / (T − start − (n − 1)); NaN when no prompt length has a long enough label
   */
  public static double of(int[] x, int[][] continuations, int n, int start) {
    int t = x.length;
    double sum = 0;
    for (int i = start; i < t; i++) {
      int[] label = Arrays.copyOfRange(x, i, t);
      double o = overlap(continuations[i], label, n);
      if (!Double.isNaN(o)) {
        sum += o;
      }
    }
    int normaliser = t - start - (n - 1);
    return normaliser <= 0 ? Double.NaN : sum / normaliser;
  }

  private static List<Integer> gram(int[] a, int from, int n) {
    Integer[] g = new Integer[n];
    for (int k = 0; k < n; k++) {
      g[k] = a[from + k];
    }
    return List.of(g);
  }
}
