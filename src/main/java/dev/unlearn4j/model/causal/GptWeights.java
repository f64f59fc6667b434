package dev.unlearn4j.model.causal;

import dev.unlearn4j.model.WeightInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tensors of a GPT decoder under unlearn4j's names, dense weights stored [in, out] (y = x·W + b): {@code wte}
 * [V, D] (also the LM head), {@code wpe} [P, D], per layer {@code h.<i>.ln_1/ln_2.{weight,bias}},
 * {@code h.<i>.attn.{q,k,v,out}.weight} [D, D] with {@code .bias} (q/k/v biases only for GPT-2),
 * {@code h.<i>.mlp.fc.*} [D, I], {@code h.<i>.mlp.proj.*} [I, D], and {@code ln_f.{weight,bias}}.
 */
public final class GptWeights {
  private GptWeights() {}

  public static final String WTE = "wte";
  public static final String WPE = "wpe";

  /** Every tensor name in a fixed order. */
  public static List<String> names(GptConfig c) {
    List<String> n = new ArrayList<>(List.of(WTE, WPE));
    for (int i = 0; i < c.layers(); i++) {
      String p = "h." + i + ".";
      n.add(p + "ln_1.weight");
      n.add(p + "ln_1.bias");
      for (String m : List.of("q", "k", "v")) {
        n.add(p + "attn." + m + ".weight");
        if (!c.neo()) {
          n.add(p + "attn." + m + ".bias");
        }
      }
      n.add(p + "attn.out.weight");
      n.add(p + "attn.out.bias");
      n.add(p + "ln_2.weight");
      n.add(p + "ln_2.bias");
      n.add(p + "mlp.fc.weight");
      n.add(p + "mlp.fc.bias");
      n.add(p + "mlp.proj.weight");
      n.add(p + "mlp.proj.bias");
    }
    n.add("ln_f.weight");
    n.add("ln_f.bias");
    return n;
  }

  public static long[] shape(GptConfig c, String name) {
    long d = c.hidden();
    if (name.equals(WTE)) {
      return new long[] {c.vocabSize(), d};
    }
    if (name.equals(WPE)) {
      return new long[] {c.maxPositions(), d};
    }
    if (name.endsWith("mlp.fc.weight")) {
      return new long[] {d, c.intermediate()};
    }
    if (name.endsWith("mlp.fc.bias")) {
      return new long[] {c.intermediate()};
    }
    if (name.endsWith("mlp.proj.weight")) {
      return new long[] {c.intermediate(), d};
    }
    if (name.contains(".attn.") && name.endsWith(".weight")) {
      return new long[] {d, d};
    }
    return new long[] {d};
  }

  /** GPT-2-style initialisation (normal σ 0.02, LayerNorm γ 1, zero biases) from a seed. */
  public static Map<String, INDArray> random(GptConfig c, long seed, DataType type) {
    return WeightInit.transformer(names(c), n -> shape(c, n), n -> n.contains("ln_") && n.endsWith(".weight"), seed, type);
  }

}
