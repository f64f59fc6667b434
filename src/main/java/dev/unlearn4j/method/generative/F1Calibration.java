package dev.unlearn4j.method.generative;

import java.util.Arrays;

/**
 * Where the refinement's BERTScore-F1 threshold lies on an encoder's scale. ICU's 0.3 belongs to bert-base-uncased
 * layer 9; on another encoder and layer unrelated text may already score above it (MiniLM-L6 layer 5: about 0.58),
 * so the threshold never fires. Calibrated on the original model's continuations: F1 against their own true
 * suffixes (memorised text) and against other passages' suffixes (unrelated text); the calibrated threshold is the
 * 95th percentile of the unrelated scores, so a continuation stays flagged only while it is closer to its suffix
 * than 95 % of unrelated pairs are.
 *
 * @param trueMean mean F1 of continuations against their own suffixes
 * @param mismatchedMean mean F1 against other passages' suffixes
 * @param mismatchedP95 95th percentile (nearest rank) of those: the calibrated threshold
 * @param trueAboveP95 share of continuations whose own-suffix F1 reaches the calibrated threshold
 */
public record F1Calibration(double trueMean, double mismatchedMean, double mismatchedP95, double trueAboveP95) {
  /** Mismatched suffixes scored per continuation: the next ones in order, cyclically. */
  public static final int MISMATCHED_PER_CONTINUATION = 8;

  public static final F1Calibration NONE = new F1Calibration(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** From the own-suffix scores and every mismatched score (at least one of each). */
  public static F1Calibration of(double[] own, double[] mismatched) {
    if (own.length == 0 || mismatched.length == 0) {
      return NONE;
    }
    double p95 = percentile(mismatched, 0.95);
    double above = Arrays.stream(own).filter(f -> f >= p95).count() / (double) own.length;
    return new F1Calibration(mean(own), mean(mismatched), p95, above);
  }

  /** Nearest-rank percentile: the smallest value with at least a share {@code q} of the values at or below it. */
  static double percentile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(q * s.length);
    return s[Math.max(0, rank - 1)];
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }
}
