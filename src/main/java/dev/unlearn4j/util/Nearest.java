package dev.unlearn4j.util;

/** Exact nearest-neighbour search by squared L2 distance, shared by the analogue searches. */
public final class Nearest {
  private Nearest() {}

  /** The row of {@code candidates} nearest to {@code query}; the first such row on ties (as faiss). */
  public static int index(double[] query, double[][] candidates) {
    int best = 0;
    double bestDist = Double.POSITIVE_INFINITY;
    for (int j = 0; j < candidates.length; j++) {
      double d = 0;
      for (int k = 0; k < query.length; k++) {
        double diff = query[k] - candidates[j][k];
        d += diff * diff;
      }
      if (d < bestDist) {                                                  // strict: the first on ties
        bestDist = d;
        best = j;
      }
    }
    return best;
  }
}
