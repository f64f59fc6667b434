package dev.unlearn4j.eval.privacy;

import java.util.Arrays;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, with scipy's exact p-value (lattice-path counting) when both
 * samples have at most 10,000 values. TOFU-style forget quality is its p-value between the unlearned and the oracle
 * model's per-example statistics; it is reported as log10 p, since p can be far below double precision's comfort.
 */
public final class KsTest {
  private KsTest() {}

  /** D and the two-sided p-value (with its log10). */
  public record Result(double d, double p, double log10p) {}

  public static Result test(double[] a, double[] b) {
    double d = statistic(a, b);
    int n = a.length;
    int m = b.length;
    if (Math.max(n, m) > 10_000) {
      throw new IllegalArgumentException("samples above 10,000 values need the asymptotic distribution");
    }
    double log10Outside = log10ProbabilityOfExceeding(d, n, m);
    return new Result(d, Math.pow(10, log10Outside), log10Outside);
  }

  /** D = sup_z |F_a(z) − F_b(z)|, evaluated at every observed value. */
  public static double statistic(double[] a, double[] b) {
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    double d = 0;
    int i = 0;
    int j = 0;
    while (i < x.length || j < y.length) {
      double z = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
      while (i < x.length && x[i] <= z) {
        i++;
      }
      while (j < y.length && y[j] <= z) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }

  /**
   * log10 of p = #{monotone paths (0,0)→(n,m) that leave the band |i/n − j/m| < D} / C(n+m, n). The exit
   * probability is propagated directly (each cell holds the share of paths to it that have left the band), so
   * small p keep their relative precision instead of being 1 minus something close to 1.
   */
  static double log10ProbabilityOfExceeding(double d, int n, int m) {
    double tol = 1e-12;
    double[] prev = new double[m + 1];
    double[] cur = new double[m + 1];
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= m; j++) {
        boolean inside = Math.abs((double) i / n - (double) j / m) < d - tol;
        if (!inside) {
          cur[j] = 1;
        } else if (i == 0 && j == 0) {
          cur[j] = 0;
        } else {
          // a random path to (i, j) comes from (i−1, j) with probability i/(i+j), from (i, j−1) with j/(i+j)
          double fromUp = i > 0 ? prev[j] * i / (i + j) : 0;
          double fromLeft = j > 0 ? cur[j - 1] * j / (i + j) : 0;
          cur[j] = fromUp + fromLeft;
        }
      }
      double[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.log10(prev[m]);
  }
}
