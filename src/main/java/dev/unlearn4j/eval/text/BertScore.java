package dev.unlearn4j.eval.text;

import java.util.Arrays;

/**
 * BERTScore by greedy cosine matching (bert_score 0.3.13, no idf, no baseline rescaling). Every token, [CLS] and
 * [SEP] included, is a candidate in the maxima, but the special tokens carry weight 0 in the averages.
 */
public final class BertScore {
  private BertScore() {}

  /** P, R and F1 of one candidate against one reference. */
  public record Score(double precision, double recall, double f1) {}

  /**
   * @param cand candidate token vectors [n][d] (not necessarily normalised)
   * @param candSpecial true for the candidate's [CLS]/[SEP] positions
   * @param ref reference token vectors [m][d]
   * @param refSpecial true for the reference's special positions
   */
  public static Score score(double[][] cand, boolean[] candSpecial, double[][] ref, boolean[] refSpecial) {
    double[][] c = normalise(cand);
    double[][] r = normalise(ref);
    double pSum = 0;
    double pW = 0;
    double[] colMax = new double[r.length];
    Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < c.length; i++) {
      double rowMax = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < r.length; j++) {
        double s = dot(c[i], r[j]);
        rowMax = Math.max(rowMax, s);
        colMax[j] = Math.max(colMax[j], s);
      }
      if (!candSpecial[i]) {
        pSum += rowMax;
        pW += 1;
      }
    }
    double rSum = 0;
    double rW = 0;
    for (int j = 0; j < r.length; j++) {
      if (!refSpecial[j]) {
        rSum += colMax[j];
        rW += 1;
      }
    }
    double p = pW == 0 ? 0 : pSum / pW;
    double rec = rW == 0 ? 0 : rSum / rW;
    double f = p + rec == 0 ? 0 : 2 * p * rec / (p + rec);
    return new Score(p, rec, Double.isNaN(f) ? 0 : f);
  }

  private static double[][] normalise(double[][] v) {
    double[][] out = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      double n = Math.sqrt(dot(v[i], v[i]));
      out[i] = new double[v[i].length];
      for (int k = 0; k < v[i].length; k++) {
        out[i][k] = n == 0 ? 0 : v[i][k] / n;
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
