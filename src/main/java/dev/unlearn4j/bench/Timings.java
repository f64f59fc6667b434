package dev.unlearn4j.bench;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.experiment.Memory;
import dev.unlearn4j.train.TrainStep;
import dev.unlearn4j.util.NativeMemory;
import java.util.Arrays;

/**
 * Repeated wall-clock timings of one operation, after warm-up: median and spread ((max − min) / median).
 *
 * @param millis every timed repetition, in order
 * @param faultsPerRep minor page faults of the process per timed repetition (memory the operation took fresh from
 *     the kernel instead of reusing; 4 KiB each), or -1 where /proc is not available
 */
public record Timings(double[] millis, double faultsPerRep) {
  public static Timings measure(int warmup, int reps, Runnable op) {
    for (int i = 0; i < warmup; i++) {
      op.run();
    }
    double[] ms = new double[reps];
    long faults = Memory.minorFaults();
    for (int i = 0; i < reps; i++) {
      long t = System.nanoTime();
      op.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    return new Timings(ms, faults < 0 ? -1 : (double) (Memory.minorFaults() - faults) / reps);
  }

  /**
   * Training steps on one batch, numbered on from 1 so the updater's schedule advances as in training, each
   * followed by the collection request the training loop makes ({@code Trainer}: ND4J's arrays are freed only by
   * the Java collector, so a loop without it measures a memory use no run has).
   */
  public static Timings trainSteps(TrainStep step, Batch batch, int warmup, int reps) {
    int[] k = {0};
    return measure(warmup, reps, () -> {
      step.run(batch, "bench", ++k[0], 1);
      NativeMemory.tick();
    });
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
