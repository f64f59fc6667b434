package dev.unlearn4j.model.causal;

import dev.unlearn4j.model.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny Hugging Face-style checkpoints with fixed random weights, written the way transformers saves them. */
public final class TinyCheckpoints {
  private TinyCheckpoints() {}

  static final int V = 50;
  static final int P = 16;
  static final int D = 8;
  static final int H = 2;
  static final int I = 32;
  static final int WINDOW = 3;

  /** A 2-layer GPT-Neo (global, local; window 3) or GPT-2; returns the weights as written (HF names). */
  public static Map<String, float[][]> write(Path dir, boolean neo, long seed) {
    Random r = new Random(seed);
    Map<String, float[][]> w = new LinkedHashMap<>();
    w.put("transformer.wte.weight", rand(r, V, D, 0.5));
    w.put("transformer.wpe.weight", rand(r, P, D, 0.5));
    for (int l = 0; l < 2; l++) {
      String p = "transformer.h." + l + ".";
      w.put(p + "ln_1.weight", around1(r, D));
      w.put(p + "ln_1.bias", rand(r, 1, D, 0.1));
      if (neo) {
        for (String m : new String[] {"q_proj", "k_proj", "v_proj"}) {
          w.put(p + "attn.attention." + m + ".weight", rand(r, D, D, 0.5));
        }
        w.put(p + "attn.attention.out_proj.weight", rand(r, D, D, 0.5));
        w.put(p + "attn.attention.out_proj.bias", rand(r, 1, D, 0.1));
        w.put(p + "attn.attention.bias", new float[][] {{1f}});      // a buffer the loader must ignore
        w.put(p + "mlp.c_fc.weight", rand(r, I, D, 0.5));             // Linear [out, in]
        w.put(p + "mlp.c_fc.bias", rand(r, 1, I, 0.1));
        w.put(p + "mlp.c_proj.weight", rand(r, D, I, 0.3));
      } else {
        w.put(p + "attn.c_attn.weight", rand(r, D, 3 * D, 0.5));       // Conv1D [in, out]
        w.put(p + "attn.c_attn.bias", rand(r, 1, 3 * D, 0.1));
        w.put(p + "attn.c_proj.weight", rand(r, D, D, 0.5));
        w.put(p + "attn.c_proj.bias", rand(r, 1, D, 0.1));
        w.put(p + "mlp.c_fc.weight", rand(r, D, I, 0.5));
        w.put(p + "mlp.c_fc.bias", rand(r, 1, I, 0.1));
        w.put(p + "mlp.c_proj.weight", rand(r, I, D, 0.3));
      }
      w.put(p + "mlp.c_proj.bias", rand(r, 1, D, 0.1));
      w.put(p + "ln_2.weight", around1(r, D));
      w.put(p + "ln_2.bias", rand(r, 1, D, 0.1));
    }
    w.put("transformer.ln_f.weight", around1(r, D));
    w.put("transformer.ln_f.bias", rand(r, 1, D, 0.1));
    Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays = new LinkedHashMap<>();
    w.forEach((k, v) -> arrays.put(k, k.endsWith("bias") || k.contains("ln_") ? Nd4j.createFromArray(v[0])
        : Nd4j.createFromArray(v)));
    try {
      Files.createDirectories(dir);
      Safetensors.write(dir.resolve("model.safetensors"), arrays, Map.of("format", "pt"));
      String config = neo
          ? "{\"model_type\":\"gpt_neo\",\"vocab_size\":" + V + ",\"max_position_embeddings\":" + P
            + ",\"hidden_size\":" + D + ",\"num_heads\":" + H + ",\"num_layers\":2,\"intermediate_size\":" + I
            + ",\"window_size\":" + WINDOW + ",\"attention_types\":[[[\"global\",\"local\"],1]],"
            + "\"layer_norm_epsilon\":1e-5}"
          : "{\"model_type\":\"gpt2\",\"vocab_size\":" + V + ",\"n_positions\":" + P + ",\"n_embd\":" + D
            + ",\"n_head\":" + H + ",\"n_layer\":2,\"n_inner\":" + I + ",\"layer_norm_epsilon\":1e-5}";
      Files.writeString(dir.resolve("config.json"), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w;
  }

  private static float[][] rand(Random r, int rows, int cols, double scale) {
    float[][] a = new float[rows][cols];
    for (float[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) (r.nextGaussian() * scale);
      }
    }
    return a;
  }

  private static float[][] around1(Random r, int n) {
    float[][] a = rand(r, 1, n, 0.1);
    for (int j = 0; j < n; j++) {
      a[0][j] += 1f;
    }
    return a;
  }
}
