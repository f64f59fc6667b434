package dev.unlearn4j.model.encoder;

import dev.unlearn4j.model.WeightInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tensors of a BERT encoder under their Hugging Face names, in a fixed order, with dense weights stored
 * [in, out].
 */
public final class BertWeights {
  private BertWeights() {}

  public static final String WORD = "embeddings.word_embeddings.weight";
  public static final String POSITION = "embeddings.position_embeddings.weight";
  public static final String TOKEN_TYPE = "embeddings.token_type_embeddings.weight";

  private static final String[] DENSE = {
      "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
      "intermediate.dense", "output.dense"};
  private static final String[] NORMS = {"attention.output.LayerNorm", "output.LayerNorm"};

  public static String layer(int l, String module) {
    return "encoder.layer." + l + "." + module;
  }

  /** Every tensor name, embeddings first, then each layer. */
  public static List<String> names(BertConfig c) {
    List<String> n = new ArrayList<>(List.of(WORD, POSITION, TOKEN_TYPE, "embeddings.LayerNorm.weight",
        "embeddings.LayerNorm.bias"));
    for (int l = 0; l < c.layers(); l++) {
      for (String d : DENSE) {
        n.add(layer(l, d) + ".weight");
        n.add(layer(l, d) + ".bias");
      }
      for (String ln : NORMS) {
        n.add(layer(l, ln) + ".weight");
        n.add(layer(l, ln) + ".bias");
      }
    }
    return n;
  }

  /** The dense head layer's tensors when the config has one (in checkpoints, after the encoder's). */
  public static List<String> headNames(BertConfig c) {
    return c.denseHead() ? List.of(BertClassifier.DENSE_WEIGHT, BertClassifier.DENSE_BIAS) : List.of();
  }

  /** The shape a tensor must have. */
  public static long[] shape(BertConfig c, String name) {
    long d = c.hidden();
    long i = c.intermediate();
    if (name.equals(WORD)) {
      return new long[] {c.vocabSize(), d};
    }
    if (name.equals(POSITION)) {
      return new long[] {c.maxPositions(), d};
    }
    if (name.equals(TOKEN_TYPE)) {
      return new long[] {c.typeVocab(), d};
    }
    if (name.endsWith("intermediate.dense.weight")) {
      return new long[] {d, i};
    }
    if (name.endsWith("intermediate.dense.bias")) {
      return new long[] {i};
    }
    if (name.endsWith("output.dense.weight") && !name.contains("attention")) {
      return new long[] {i, d};
    }
    if (name.endsWith(".weight") && !name.contains("LayerNorm")) {
      return new long[] {d, d};
    }
    return new long[] {d};
  }

  /**
   * Randomly initialised weights (normal, σ 0.02; LayerNorm γ 1, β 0; biases 0), as BERT initialises: tiny test
   * encoders and gradient checks.
   */
  public static Map<String, INDArray> random(BertConfig c, long seed, DataType type) {
    return WeightInit.transformer(names(c), n -> shape(c, n), n -> n.contains("LayerNorm.weight"), seed, type);
  }

}
