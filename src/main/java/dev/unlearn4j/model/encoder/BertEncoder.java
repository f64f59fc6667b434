package dev.unlearn4j.model.encoder;

import dev.unlearn4j.nn.Layers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The BERT encoder as a SameDiff graph: summed embeddings → LayerNorm → L post-LN blocks (self-attention with an
 * additive padding mask, erf-GELU feed-forward). Tokens are flattened to N = B·T rows for the dense layers and
 * reshaped to [B, H, T, d] for attention. The embedding rows are gathered outside the graph and fed as inputs
 * (M2.1's gather backward runs one op per index), so the graph has no gather.
 *
 * <p>Placeholders (all fed by {@link BertClassifier}): {@code word_rows}, {@code position_rows},
 * {@code type_rows} [N, D]; {@code attn_bias} [B, 1, 1, T] (0 for tokens, −10000 for padding);
 * {@code shape_bthd} [4] and {@code shape_nd} [2] (int64); in training graphs one keep-mask per dropout site,
 * {@code dropout/<site>}, with the shape of the tensor it masks.
 */
public final class BertEncoder {
  private BertEncoder() {}

  public static final String WORD_ROWS = "word_rows";
  public static final String POSITION_ROWS = "position_rows";
  public static final String TYPE_ROWS = "type_rows";
  public static final String ATTN_BIAS = "attn_bias";
  public static final String SHAPE_BTHD = "shape_bthd";
  public static final String SHAPE_ND = "shape_nd";
  public static final String DROPOUT = "dropout/";

  /** A built encoder: its output and the dropout sites it declared (site → placeholder). */
  public record Built(SDVariable hidden, Map<String, SDVariable> dropoutSites) {}

  /**
   * @param w every encoder tensor except the three embedding tables, by Hugging Face name
   * @param dropout dropout probability of hidden states and attention probabilities; 0 builds no dropout sites
   * @return hidden states [N, D]
   */
  public static Built build(SameDiff sd, BertConfig c, Function<String, SDVariable> w, double dropout,
      DataType type) {
    long d = c.hidden();
    Map<String, SDVariable> sites = new LinkedHashMap<>();
    SDVariable words = sd.placeHolder(WORD_ROWS, type, -1, d);
    SDVariable positions = sd.placeHolder(POSITION_ROWS, type, -1, d);
    SDVariable types = sd.placeHolder(TYPE_ROWS, type, -1, d);
    SDVariable attnBias = sd.placeHolder(ATTN_BIAS, type, -1, 1, 1, -1);
    SDVariable shapeBthd = sd.placeHolder(SHAPE_BTHD, DataType.INT64, 4);
    SDVariable shapeNd = sd.placeHolder(SHAPE_ND, DataType.INT64, 2);

    SDVariable x = words.add(positions).add(types);                                   // [N, D]
    x = Layers.layerNorm(x, w.apply("embeddings.LayerNorm.weight"), w.apply("embeddings.LayerNorm.bias"),
        c.eps(), 1);
    x = drop(sd, x, "emb", sites, dropout, type, -1, d);
    double scale = 1.0 / Math.sqrt(c.headSize());
    for (int l = 0; l < c.layers(); l++) {
      String p = "encoder.layer." + l + ".";
      SDVariable q = heads(sd, dense(x, w, p + "attention.self.query"), shapeBthd);   // [B, H, T, dh]
      SDVariable k = heads(sd, dense(x, w, p + "attention.self.key"), shapeBthd);
      SDVariable v = heads(sd, dense(x, w, p + "attention.self.value"), shapeBthd);
      SDVariable scores = sd.mmul(q, k, false, true, false).mul(scale).add(attnBias);  // [B, H, T, T]
      SDVariable probs = sd.nn.softmax(scores, 3);                                      // axis 3, never −1
      probs = drop(sd, probs, "l" + l + ".attn", sites, dropout, type, -1, c.heads(), -1, -1);
      SDVariable ctx = sd.permute(sd.mmul(probs, v), 0, 2, 1, 3);                       // [B, T, H, dh]
      SDVariable attn = dense(sd.reshape(ctx, shapeNd), w, p + "attention.output.dense");   // [N, D]
      attn = drop(sd, attn, "l" + l + ".attn_out", sites, dropout, type, -1, d);
      x = Layers.layerNorm(attn.add(x), w.apply(p + "attention.output.LayerNorm.weight"),
          w.apply(p + "attention.output.LayerNorm.bias"), c.eps(), 1);
      SDVariable h = Layers.geluErf(dense(x, w, p + "intermediate.dense"));             // [N, I]
      h = drop(sd, dense(h, w, p + "output.dense"), "l" + l + ".ffn", sites, dropout, type, -1, d);
      x = Layers.layerNorm(h.add(x), w.apply(p + "output.LayerNorm.weight"),
          w.apply(p + "output.LayerNorm.bias"), c.eps(), 1);
    }
    return new Built(sd.identity("hidden", x), sites);
  }

  private static SDVariable dense(SDVariable x, Function<String, SDVariable> w, String module) {
    return Layers.dense(x, w.apply(module + ".weight"), w.apply(module + ".bias"));
  }

  /** [N, D] → [B, H, T, dh]. */
  private static SDVariable heads(SameDiff sd, SDVariable x, SDVariable shapeBthd) {
    return sd.permute(sd.reshape(x, shapeBthd), 0, 2, 1, 3);
  }

  private static SDVariable drop(SameDiff sd, SDVariable x, String site, Map<String, SDVariable> sites,
      double p, DataType type, long... shape) {
    if (p == 0) {
      return x;
    }
    SDVariable mask = sd.placeHolder(DROPOUT + site, type, shape);
    sites.put(site, mask);
    return Layers.dropout(x, mask);
  }
}
