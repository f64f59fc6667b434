package dev.unlearn4j.model.causal;

import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.util.NativeMemory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A GPT-Neo or GPT-2 language model: architecture and weights, with a teacher-forced forward pass that returns the
 * next-token logits of every position of a batch in one graph execution.
 */
public final class CausalLm implements Model {
  private final GptConfig config;
  private final Map<String, INDArray> weights;
  private CausalGraph evalGraph;

  public CausalLm(GptConfig config, Map<String, INDArray> weights) {
    this.config = config;
    this.weights = weights;
  }

  public GptConfig config() {
    return config;
  }

  @Override
  public Map<String, INDArray> weights() {
    return Collections.unmodifiableMap(weights);
  }

  /** The vocabulary: a language model classifies the next token. */
  @Override
  public int numClasses() {
    return config.vocabSize();
  }

  @Override
  public ModelGraph graph(boolean training, long seed) {
    return new CausalGraph(this, training);
  }

  @Override
  public void load(ModelGraph graph) {
    CausalGraph g = (CausalGraph) graph;
    for (String name : List.copyOf(weights.keySet())) {
      INDArray trained = g.trainedValue(name);
      if (trained != null) {
        weights.put(name, trained.dup());
      }
    }
    evalGraph = null;
  }

  @Override
  public Model copy() {
    Map<String, INDArray> w = new LinkedHashMap<>();
    weights.forEach((k, v) -> w.put(k, v.dup()));
    return new CausalLm(config, w);
  }

  /**
   * Next-token logits for every position.
   *
   * @param ids [B][T] token ids, every row of the same length T ≤ maxPositions
   * @return [B, T, V]: row t scores token t+1
   */
  public INDArray logits(int[][] ids) {
    return flatLogits(ids).reshape(ids.length, ids[0].length, config.vocabSize());
  }

  /** [B·T, V] logits, row b·T + t: an array of its own (not a view), so a caller may free it. */
  private INDArray flatLogits(int[][] ids) {
    int t = ids[0].length;
    if (t > config.maxPositions()) {
      throw new IllegalArgumentException("sequence of " + t + " tokens exceeds " + config.maxPositions()
          + " positions");
    }
    CausalGraph g = evalGraph();
    return g.sd().output(g.feedIds(ids), "logits").get("logits");
  }

  /**
   * Teacher-forced scores of every predicted position t = 1..T−1 in one forward pass: log p(x_t | x_{<t}), the
   * argmax prediction (lowest id on ties), and the mean and standard deviation of log p under the model's own
   * next-token distribution, as MA, EL and the membership attacks (LOSS, zlib, min-k%, min-k%++) need them. The
   * four [B·T, V] arrays it works on (1.3 GB at 8 × 200 tokens and V = 50,257) are freed before it returns, so
   * repeated calls do not wait for the garbage collector to give that memory back.
   */
  public TokenScores score(int[][] ids) {
    int b = ids.length;
    int t = ids[0].length;
    INDArray flat = flatLogits(ids);                                                      // [B·T, V]
    INDArray max = flat.max(true, 1);                                                     // [B·T, 1]
    INDArray shifted = flat.subColumnVector(max);
    INDArray logZ = Transforms.log(Transforms.exp(shifted, false).sum(true, 1), false).addi(max);  // log-sum-exp
    INDArray logP = flat.subColumnVector(logZ);                                           // [B·T, V] log-softmax
    INDArray pLogP = Transforms.exp(logP, true).muli(logP);                               // p·log p
    INDArray mu = pLogP.sum(1);                                                           // [B·T] Σ p log p
    INDArray second = pLogP.muli(logP).sum(1);                                            // [B·T] Σ p (log p)²
    INDArray best = Nd4j.argMax(flat, 1);                                                 // [B·T], first on ties
    double[][] logProbs = new double[b][t - 1];
    int[][] argmax = new int[b][t - 1];
    double[][] mean = new double[b][t - 1];
    double[][] std = new double[b][t - 1];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < t - 1; j++) {
        long r = (long) i * t + j;
        logProbs[i][j] = logP.getDouble(r, ids[i][j + 1]);
        argmax[i][j] = best.getInt((int) r);
        double m = mu.getDouble(r);
        mean[i][j] = m;
        std[i][j] = Math.sqrt(Math.max(second.getDouble(r) - m * m, 1e-6));               // min-k%++'s floor
      }
    }
    for (INDArray a : new INDArray[] {flat, shifted, logP, pLogP}) {
      a.close();
    }
    NativeMemory.tick();
    return new TokenScores(logProbs, argmax, mean, std);
  }

  /**
   * Per-position teacher-forced results.
   *
   * @param logProbs [B][T−1]: log p(x_{t+1} | x_{≤t})
   * @param argmax [B][T−1]: the argmax prediction for position t+1
   * @param mean [B][T−1]: μ = Σ_v p_v·log p_v of the distribution predicting position t+1
   * @param std [B][T−1]: σ = √max(Σ_v p_v·(log p_v)² − μ², 1e−6) of the same distribution
   */
  public record TokenScores(double[][] logProbs, int[][] argmax, double[][] mean, double[][] std) {}

  /** The evaluation graph, built once per set of weights (training replaces it through {@link #load}). */
  private synchronized CausalGraph evalGraph() {
    if (evalGraph == null) {
      evalGraph = new CausalGraph(this, false);
    }
    return evalGraph;
  }
}
