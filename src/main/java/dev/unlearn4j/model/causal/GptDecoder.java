package dev.unlearn4j.model.causal;

import dev.unlearn4j.nn.Layers;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * GPT-Neo / GPT-2 decoder as a SameDiff graph: token + position rows (gathered outside the graph) → pre-LN blocks
 * x + attn(LN₁(x)), x + mlp(LN₂(x)) → LN_f → logits = h·wteᵀ (tied head). GPT-Neo attention is unscaled and its
 * local layers see only the last {@code window} positions; GPT-2 scales by 1/√d.
 *
 * <p>Placeholders: {@code tok_rows}, {@code pos_rows} [N, D] (N = B·T); {@code bias_global} and, when the model
 * has local layers, {@code bias_local} [B, 1, T, T] (0 where a query may attend, −1e9 elsewhere: causal, window
 * and padding); {@code shape_bthd} [4] and {@code shape_nd} [2] (int64).
 */
public final class GptDecoder {
  private GptDecoder() {}

  public static final String TOK_ROWS = "tok_rows";
  public static final String POS_ROWS = "pos_rows";
  public static final String BIAS_GLOBAL = "bias_global";
  public static final String BIAS_LOCAL = "bias_local";
  public static final String SHAPE_BTHD = "shape_bthd";
  public static final String SHAPE_ND = "shape_nd";

  /** @return logits [N, V]; the final hidden states [N, D] are the graph variable {@code hidden} */
  public static SDVariable build(SameDiff sd, GptConfig c, Function<String, SDVariable> w, DataType type) {
    long d = c.hidden();
    SDVariable tok = sd.placeHolder(TOK_ROWS, type, -1, d);
    SDVariable pos = sd.placeHolder(POS_ROWS, type, -1, d);
    SDVariable global = sd.placeHolder(BIAS_GLOBAL, type, -1, 1, -1, -1);
    SDVariable local = c.layerTypes().contains("local") ? sd.placeHolder(BIAS_LOCAL, type, -1, 1, -1, -1) : null;
    SDVariable bthd = sd.placeHolder(SHAPE_BTHD, DataType.INT64, 4);
    SDVariable nd = sd.placeHolder(SHAPE_ND, DataType.INT64, 2);

    SDVariable x = tok.add(pos);                                                            // [N, D]
    for (int i = 0; i < c.layers(); i++) {
      String p = "h." + i + ".";
      SDVariable h = Layers.layerNorm(x, w.apply(p + "ln_1.weight"), w.apply(p + "ln_1.bias"), c.eps(), 1);
      SDVariable q = heads(sd, dense(h, w, p + "attn.q", !c.neo()), bthd);                  // [B, H, T, dh]
      SDVariable k = heads(sd, dense(h, w, p + "attn.k", !c.neo()), bthd);
      SDVariable v = heads(sd, dense(h, w, p + "attn.v", !c.neo()), bthd);
      SDVariable scores = sd.mmul(q, k, false, true, false);                                // [B, H, T, T]
      if (!c.neo()) {
        scores = scores.div(Math.sqrt(c.headSize()));                 // GPT-Neo deliberately does not scale
      }
      scores = scores.add("local".equals(c.layerTypes().get(i)) ? local : global);
      SDVariable probs = sd.nn.softmax(scores, 3);                                          // axis 3, never −1
      SDVariable ctx = sd.reshape(sd.permute(sd.mmul(probs, v), 0, 2, 1, 3), nd);           // [N, D]
      x = x.add(dense(ctx, w, p + "attn.out", true));
      h = Layers.layerNorm(x, w.apply(p + "ln_2.weight"), w.apply(p + "ln_2.bias"), c.eps(), 1);
      h = dense(Layers.geluTanh(dense(h, w, p + "mlp.fc", true)), w, p + "mlp.proj", true);
      x = x.add(h);
    }
    x = sd.identity("hidden", Layers.layerNorm(x, w.apply("ln_f.weight"), w.apply("ln_f.bias"), c.eps(), 1));
    return sd.mmul("logits", x, w.apply(GptWeights.WTE), false, true, false);               // [N, V], tied head
  }

  private static SDVariable dense(SDVariable x, Function<String, SDVariable> w, String module, boolean bias) {
    return Layers.dense(x, w.apply(module + ".weight"), bias ? w.apply(module + ".bias") : null);
  }

  private static SDVariable heads(SameDiff sd, SDVariable x, SDVariable bthd) {
    return sd.permute(sd.reshape(x, bthd), 0, 2, 1, 3);
  }
}
