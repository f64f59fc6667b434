package dev.unlearn4j.eval.classification;

import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.eval.MetricResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per-class F1 with the zero-division conventions of scikit-learn (P, R or F1 is 0 when its denominator is 0), and
 * its macro and micro averages.
 */
public final class F1 {
  private F1() {}

  /** F1_c for one class. */
  public static double perClass(int[] y, int[] yHat, int c) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < y.length; i++) {
      boolean pred = yHat[i] == c;
      boolean truth = y[i] == c;
      if (pred && truth) {
        tp++;
      } else if (pred) {
        fp++;
      } else if (truth) {
        fn++;
      }
    }
    double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /**
   * (1/|C|)·Σ_{c∈C} F1_c, where C is the classes seen in y or ŷ ({@code observed}) or 0..numClasses−1
   * ({@code all}). NaN on an empty split with the observed label set.
   */
  public static double macro(int[] y, int[] yHat, int numClasses, EvalSpec.LabelSet labels) {
    TreeSet<Integer> classes = classes(y, yHat, numClasses, labels);
    if (classes.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (int c : classes) {
      sum += perClass(y, yHat, c);
    }
    return sum / classes.size();
  }

  /**
   * F1_c of every class 0..numClasses−1 (0 for a class neither true nor predicted, scikit-learn's convention), keyed
   * by class index; the aggregate is the lowest F1_c over the label set ({@code observed} or {@code all}), NaN when
   * that set is empty.
   */
  public static MetricResult byClass(int[] y, int[] yHat, int numClasses, EvalSpec.LabelSet labels) {
    Map<String, Double> parts = new LinkedHashMap<>();
    for (int c = 0; c < numClasses; c++) {
      parts.put(Integer.toString(c), perClass(y, yHat, c));
    }
    double lowest = classes(y, yHat, numClasses, labels).stream().mapToDouble(c -> parts.get(Integer.toString(c)))
        .min().orElse(Double.NaN);
    return new MetricResult(lowest, Map.of(), parts);
  }

  /** C: every class ({@code all}) or the classes seen in y or ŷ ({@code observed}). */
  private static TreeSet<Integer> classes(int[] y, int[] yHat, int numClasses, EvalSpec.LabelSet labels) {
    TreeSet<Integer> classes = new TreeSet<>();
    if (labels == EvalSpec.LabelSet.ALL) {
      for (int c = 0; c < numClasses; c++) {
        classes.add(c);
      }
    } else {
      for (int i = 0; i < y.length; i++) {
        classes.add(y[i]);
        classes.add(yHat[i]);
      }
    }
    return classes;
  }

  /** Σ_c TP_c / Σ_c (TP_c + FP_c): equals accuracy for single-label classification. */
  public static double micro(int[] y, int[] yHat) {
    if (y.length == 0) {
      return Double.NaN;
    }
    int tp = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == yHat[i]) {
        tp++;
      }
    }
    return (double) tp / y.length;   // every prediction is a TP or an FP of exactly one class
  }
}
