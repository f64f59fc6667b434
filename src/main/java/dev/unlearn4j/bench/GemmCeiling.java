package dev.unlearn4j.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What ND4J's fp32 matrix multiply sustains on this machine: the ceiling for any training step. */
public final class GemmCeiling {
  private GemmCeiling() {}

  /**
   * GFLOP/s of an n×n×n fp32 GEMM: lowest, median and highest over the timed repetitions (the ceiling moves with
   * what else shares the host, so it is reported as a range).
   */
  public static double[] gflops(int n, int warmup, int reps) {
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.zeros(DataType.FLOAT, n, n);
    Timings t = Timings.measure(warmup, reps, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
    double gflop = 2.0 * n * n * n / 1e9;
    return new double[] {gflop / (t.max() / 1e3), gflop / (t.median() / 1e3), gflop / (t.min() / 1e3)};
  }
}
