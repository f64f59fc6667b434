package dev.unlearn4j.eval;

import java.util.List;

/**
 * A model's outputs on one split, computed once and shared by every classification metric.
 *
 * @param ids example ids
 * @param labels true class per example
 * @param logits [N][C] class scores
 * @param numClasses classes of the dataset
 */
public record Predictions(List<String> ids, int[] labels, double[][] logits, int numClasses) {
  public int size() {
    return labels.length;
  }

  /** ŷ_i = argmax_c logits[i][c] (the first maximum on ties). */
  public int predicted(int i) {
    double[] row = logits[i];
    int best = 0;
    for (int c = 1; c < row.length; c++) {
      if (row[c] > row[best]) {
        best = c;
      }
    }
    return best;
  }

  public int[] predicted() {
    int[] p = new int[size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = predicted(i);
    }
    return p;
  }
}
