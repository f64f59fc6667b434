package dev.unlearn4j.model.causal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GPT-Neo or GPT-2 language model: architecture and weights, with a teacher-forced forward pass that returns the
 * next-token logits of every position of a batch in one graph execution.
 */
public final class CausalLm implements Model {
  private final GptConfig config;
  private final Map<String, INDArray> weights;
  private SameDiff evalGraph;

  public CausalLm(GptConfig config, Map<String, INDArray> weights) {
    this.config = config;
    this.weights = weights;
  }

  public GptConfig config() {
    return config;
  }

  @Override
  public Map<String, INDArray> weights() {
    return java.util.Collections.unmodifiableMap(weights);
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
    for (String name : java.util.List.copyOf(weights.keySet())) {
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
    int b = ids.length;
    int t = ids[0].length;
    if (t > config.maxPositions()) {
      throw new IllegalArgumentException("sequence of " + t + " tokens exceeds " + config.maxPositions()
          + " positions");
    }
    SameDiff sd = evalGraph();
    INDArray out = sd.output(feed(ids), "logits").get("logits");                 // [N, V]
    return out.reshape(b, t, config.vocabSize());
  }

  /**
   * Teacher-forced scores of every predicted position t = 1..T−1 in one forward pass: log p(x_t | x_{<t}) and the
   * argmax prediction (lowest id on ties), as MA, EL and membership inference need them.
   */
  public TokenScores score(int[][] ids) {
    INDArray logits = logits(ids);                                              // [B, T, V]
    int b = ids.length;
    int t = ids[0].length;
    double[][] logProbs = new double[b][t - 1];
    int[][] argmax = new int[b][t - 1];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < t - 1; j++) {
        double[] row = logits.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
            org.nd4j.linalg.indexing.NDArrayIndex.point(j), org.nd4j.linalg.indexing.NDArrayIndex.all())
            .toDoubleVector();
        double max = Double.NEGATIVE_INFINITY;
        int best = 0;
        for (int v = 0; v < row.length; v++) {
          if (row[v] > max) {
            max = row[v];
            best = v;
          }
        }
        double z = 0;
        for (double v : row) {
          z += Math.exp(v - max);
        }
        logProbs[i][j] = row[ids[i][j + 1]] - max - Math.log(z);
        argmax[i][j] = best;
      }
    }
    return new TokenScores(logProbs, argmax);
  }

  /**
   * Per-position teacher-forced results.
   *
   * @param logProbs [B][T−1]: log p(x_{t+1} | x_{≤t})
   * @param argmax [B][T−1]: the argmax prediction for position t+1
   */
  public record TokenScores(double[][] logProbs, int[][] argmax) {}

  private synchronized SameDiff evalGraph() {
    if (evalGraph == null) {
      SameDiff sd = SameDiff.create();
      Map<String, SDVariable> consts = new HashMap<>();
      weights.forEach((k, v) -> consts.put(k, sd.constant(k, v)));
      GptDecoder.build(sd, config, consts::get, weights.get(GptWeights.WTE).dataType());
      evalGraph = sd;
    }
    return evalGraph;
  }

  /** Gathered embeddings, attention biases and shapes for a batch of equal-length rows. */
  Map<String, INDArray> feed(int[][] ids) {
    int b = ids.length;
    int t = ids[0].length;
    int[] tok = new int[b * t];
    int[] pos = new int[b * t];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < t; j++) {
        tok[i * t + j] = ids[i][j];
        pos[i * t + j] = j;
      }
    }
    DataType type = weights.get(GptWeights.WTE).dataType();
    Map<String, INDArray> f = new LinkedHashMap<>();
    f.put(GptDecoder.TOK_ROWS, Nd4j.pullRows(weights.get(GptWeights.WTE), 1, tok));
    f.put(GptDecoder.POS_ROWS, Nd4j.pullRows(weights.get(GptWeights.WPE), 1, pos));
    f.put(GptDecoder.BIAS_GLOBAL, bias(b, t, Integer.MAX_VALUE, type));
    if (config.layerTypes().contains("local")) {
      f.put(GptDecoder.BIAS_LOCAL, bias(b, t, config.window(), type));
    }
    f.put(GptDecoder.SHAPE_BTHD, Nd4j.createFromArray((long) b, t, config.heads(), config.headSize()));
    f.put(GptDecoder.SHAPE_ND, Nd4j.createFromArray((long) b * t, config.hidden()));
    return f;
  }

  /** [B, 1, T, T]: 0 where 0 ≤ i − j &lt; window, −1e9 elsewhere. */
  static INDArray bias(int b, int t, int window, DataType type) {
    float[] m = new float[b * t * t];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < t; j++) {
          int d = i - j;
          m[(n * t + i) * t + j] = d >= 0 && d < window ? 0f : -1e9f;
        }
      }
    }
    return Nd4j.create(m, new long[] {b, 1, t, t}, 'c').castTo(type);
  }
}
