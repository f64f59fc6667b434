package dev.unlearn4j.bench;

import dev.unlearn4j.model.GatheredTable;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the pieces of a MiniLM training step that run outside the SameDiff graph (the gathered
 * embedding table's gradient and Adam update, the gradient norm) and of one dense layer's GEMM, at the sizes of a
 * batch of 8 × 64 tokens. Run with {@code experiments/jmh.sh}; not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class OpBench {
  private static final int VOCAB = 30_522;
  private static final int HIDDEN = 384;
  private static final int TOKENS = 8 * 64;

  private GatheredTable table;
  private int[] rows;
  private INDArray rowGrad;
  private INDArray weights;
  private INDArray grad;
  private GradientUpdater<?> adam;
  private INDArray activations;
  private INDArray dense;
  private INDArray denseOut;
  private INDArray update;
  private int iteration;

  @Setup
  public void setUp() {
    Nd4j.getRandom().setSeed(1);
    Random rng = new Random(1);
    table = new GatheredTable("word", "rows", Nd4j.rand(DataType.FLOAT, VOCAB, HIDDEN), true);
    rows = rng.ints(TOKENS, 0, VOCAB).toArray();
    table.gather(rows);
    rowGrad = Nd4j.rand(DataType.FLOAT, TOKENS, HIDDEN);
    weights = Nd4j.rand(DataType.FLOAT, VOCAB, HIDDEN);
    grad = Nd4j.rand(DataType.FLOAT, VOCAB, HIDDEN);
    Adam cfg = new Adam(2e-5, 0.9, 0.999, 1e-8);
    adam = cfg.instantiate(Nd4j.zeros(DataType.FLOAT, 1, cfg.stateSize(weights.length())), true);
    activations = Nd4j.rand(DataType.FLOAT, TOKENS, HIDDEN);
    dense = Nd4j.rand(DataType.FLOAT, HIDDEN, 4 * HIDDEN);
    denseOut = Nd4j.create(DataType.FLOAT, TOKENS, 4 * HIDDEN);
    update = Nd4j.create(DataType.FLOAT, VOCAB, HIDDEN);
  }

  /** Scatter-add of 512 gathered rows' gradients into the [V, D] table gradient. */
  @Benchmark
  public INDArray tableGradient() {
    return table.gradient(rowGrad);
  }

  /** Adam on the word-embedding table (11.7 M parameters), in place, as {@code Updaters} applies it. */
  @Benchmark
  public INDArray adamOnTable() {
    update.assign(grad);                        // the updater overwrites its input with the update
    adam.applyUpdater(update, iteration++, 0);
    return weights.subi(update);
  }

  /** L2 norm of a table-sized gradient (global-norm clipping reads every gradient once). */
  @Benchmark
  public double tableNorm() {
    return grad.norm2Number().doubleValue();
  }

  /** [512, 384] × [384, 1536]: the FFN up-projection of one layer (0.6 GFLOP), into a new array. */
  @Benchmark
  public INDArray ffnGemm() {
    return activations.mmul(dense);
  }

  /** The same product into a reused array: the difference to {@link #ffnGemm} is allocation. */
  @Benchmark
  public INDArray ffnGemmInto() {
    return Nd4j.gemm(activations, dense, denseOut, false, false, 1.0, 0.0);
  }
}
