package dev.unlearn4j.bench;

import java.util.Arrays;

/**
 * Repeated wall-clock timings of one operation, after warm-up: median and spread ((max − min) / median).
 *
 * @param millis every timed repetition, in order
 */
public record Timings(double[] millis) {
  public static Timings measure(int warmup, int reps, Runnable op) {
    for (int i = 0; i < warmup; i++) {
      op.run();
    }
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t = System.nanoTime();
      op.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    return new Timings(ms);
  }

  public double median() {
    double[] s = millis.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  public double min() {
    return Arrays.stream(millis).min().orElse(Double.NaN);
  }

  public double max() {
    return Arrays.stream(millis).max().orElse(Double.NaN);
  }

  /** (max − min) / median. */
  public double spread() {
    return (max() - min()) / median();
  }
}
