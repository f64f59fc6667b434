package dev.unlearn4j.model.causal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A GPT-Neo or GPT-2 language model: architecture and weights, with a teacher-forced forward pass that returns the
 * next-token logits of every position of a batch in one graph execution.
 */
public final class CausalLm {
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

  public Map<String, INDArray> weights() {
    return java.util.Collections.unmodifiableMap(weights);
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
