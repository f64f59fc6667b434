package dev.unlearn4j.experiment;

import java.util.Arrays;
import java.util.Locale;

/** Summaries of repeated runs for the result tables. */
public final class Stats {
  private Stats() {}

  /** "mean ± sample std" to two decimals (std omitted for a single value); "–" when empty or any value is NaN. */
  public static String meanStd(double[] xs) {
    return meanStd(xs, 2);
  }

  /** {@link #meanStd(double[])} with {@code digits} decimals. */
  public static String meanStd(double[] xs, int digits) {
    if (xs.length == 0 || Arrays.stream(xs).anyMatch(Double::isNaN)) {
      return "–";
    }
    double mean = Arrays.stream(xs).sum() / xs.length;
    String f = "%." + digits + "f";
    if (xs.length < 2) {
      return String.format(Locale.ROOT, f, mean);
    }
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    return String.format(Locale.ROOT, f + " ± " + f, mean, Math.sqrt(ss / (xs.length - 1)));
  }
}
