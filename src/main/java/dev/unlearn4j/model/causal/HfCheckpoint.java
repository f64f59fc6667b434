package dev.unlearn4j.model.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.LoggerFactory;

/**
 * Loads a Hugging Face GPT-Neo or GPT-2 checkpoint directory ({@code config.json} + {@code model.safetensors}) into
 * unlearn4j's names: GPT-Neo's {@code nn.Linear} weights [out, in] are transposed; GPT-2's fused Conv1D
 * {@code c_attn} [D, 3D] is split into q, k and v. Missing or misshapen tensors fail; unexpected ones are logged.
 */
public final class HfCheckpoint {
  private HfCheckpoint() {}

  /** Buffers and aliases that are not weights of their own. */
  private static final Set<String> IGNORED_SUFFIXES = Set.of("attn.bias", "attn.masked_bias", "lm_head.weight",
      "attn.attention.bias", "attn.attention.masked_bias");

  public static CausalLm load(Path dir) {
    Path cfgFile = dir.resolve("config.json");
    JsonNode cfgTree;
    try {
      cfgTree = new ObjectMapper().readTree(cfgFile.toFile());
    } catch (IOException e) {
      throw new UnlearnException(cfgFile + ": cannot read config.json (" + e.getMessage() + ")");
    }
    GptConfig c = GptConfig.fromHf(cfgTree, cfgFile.toString());
    Map<String, INDArray> raw = new LinkedHashMap<>();
    Safetensors.read(dir.resolve("model.safetensors")).forEach((k, v) ->
        raw.put(k.startsWith("transformer.") ? k.substring("transformer.".length()) : k, v));
    Map<String, INDArray> w = c.neo() ? fromNeo(raw, c) : fromGpt2(raw, c);
    String where = dir.resolve("model.safetensors").toString();
    for (String name : GptWeights.names(c)) {
      INDArray a = w.get(name);
      if (a == null) {
        throw new UnlearnException(where + ": missing tensor for '" + name + "'");
      }
      if (!Arrays.equals(a.shape(), GptWeights.shape(c, name))) {
        throw new UnlearnException(where + ": tensor '" + name + "' has shape " + Arrays.toString(a.shape())
            + ", the config implies " + Arrays.toString(GptWeights.shape(c, name)));
      }
    }
    Set<String> unused = new TreeSet<>(raw.keySet());
    unused.removeIf(k -> IGNORED_SUFFIXES.stream().anyMatch(k::endsWith) || consumed(k));
    if (!unused.isEmpty()) {
      LoggerFactory.getLogger(HfCheckpoint.class).warn("{}: ignoring unexpected tensors {}", where, unused);
    }
    Map<String, INDArray> ordered = new LinkedHashMap<>();
    GptWeights.names(c).forEach(n -> ordered.put(n, w.get(n)));
    return new CausalLm(c, ordered);
  }

  private static boolean consumed(String hf) {
    return hf.matches("(wte|wpe)\\.weight|ln_f\\.(weight|bias)|h\\.\\d+\\.(ln_1|ln_2)\\.(weight|bias)"
        + "|h\\.\\d+\\.attn\\.attention\\.(q_proj|k_proj|v_proj|out_proj)\\.(weight|bias)"
        + "|h\\.\\d+\\.attn\\.(c_attn|c_proj)\\.(weight|bias)|h\\.\\d+\\.mlp\\.(c_fc|c_proj)\\.(weight|bias)");
  }

  private static Map<String, INDArray> common(Map<String, INDArray> raw, GptConfig c) {
    Map<String, INDArray> w = new LinkedHashMap<>();
    put(w, GptWeights.WTE, raw.get("wte.weight"));
    put(w, GptWeights.WPE, raw.get("wpe.weight"));
    put(w, "ln_f.weight", raw.get("ln_f.weight"));
    put(w, "ln_f.bias", raw.get("ln_f.bias"));
    for (int i = 0; i < c.layers(); i++) {
      String h = "h." + i + ".";
      for (String ln : new String[] {"ln_1", "ln_2"}) {
        put(w, h + ln + ".weight", raw.get(h + ln + ".weight"));
        put(w, h + ln + ".bias", raw.get(h + ln + ".bias"));
      }
    }
    return w;
  }

  private static Map<String, INDArray> fromNeo(Map<String, INDArray> raw, GptConfig c) {
    Map<String, INDArray> w = common(raw, c);
    for (int i = 0; i < c.layers(); i++) {
      String h = "h." + i + ".";
      String a = h + "attn.attention.";
      put(w, h + "attn.q.weight", transpose(raw.get(a + "q_proj.weight")));       // Linear [out, in] → [in, out]
      put(w, h + "attn.k.weight", transpose(raw.get(a + "k_proj.weight")));
      put(w, h + "attn.v.weight", transpose(raw.get(a + "v_proj.weight")));
      put(w, h + "attn.out.weight", transpose(raw.get(a + "out_proj.weight")));
      put(w, h + "attn.out.bias", raw.get(a + "out_proj.bias"));
      put(w, h + "mlp.fc.weight", transpose(raw.get(h + "mlp.c_fc.weight")));
      put(w, h + "mlp.fc.bias", raw.get(h + "mlp.c_fc.bias"));
      put(w, h + "mlp.proj.weight", transpose(raw.get(h + "mlp.c_proj.weight")));
      put(w, h + "mlp.proj.bias", raw.get(h + "mlp.c_proj.bias"));
    }
    return w;
  }

  private static Map<String, INDArray> fromGpt2(Map<String, INDArray> raw, GptConfig c) {
    Map<String, INDArray> w = common(raw, c);
    long d = c.hidden();
    for (int i = 0; i < c.layers(); i++) {
      String h = "h." + i + ".";
      INDArray qkv = raw.get(h + "attn.c_attn.weight");                        // Conv1D [D, 3D], already [in, out]
      INDArray qkvBias = raw.get(h + "attn.c_attn.bias");
      String[] parts = {"q", "k", "v"};
      for (int p = 0; p < 3; p++) {
        if (qkv != null && qkv.rank() == 2 && qkv.size(1) == 3 * d) {
          put(w, h + "attn." + parts[p] + ".weight",
              qkv.get(NDArrayIndex.all(), NDArrayIndex.interval(p * d, (p + 1) * d)).dup('c'));
        }
        if (qkvBias != null && qkvBias.length() == 3 * d) {
          put(w, h + "attn." + parts[p] + ".bias", qkvBias.get(NDArrayIndex.interval(p * d, (p + 1) * d))
              .dup('c'));
        }
      }
      put(w, h + "attn.out.weight", raw.get(h + "attn.c_proj.weight"));
      put(w, h + "attn.out.bias", raw.get(h + "attn.c_proj.bias"));
      put(w, h + "mlp.fc.weight", raw.get(h + "mlp.c_fc.weight"));
      put(w, h + "mlp.fc.bias", raw.get(h + "mlp.c_fc.bias"));
      put(w, h + "mlp.proj.weight", raw.get(h + "mlp.c_proj.weight"));
      put(w, h + "mlp.proj.bias", raw.get(h + "mlp.c_proj.bias"));
    }
    return w;
  }

  private static void put(Map<String, INDArray> w, String name, INDArray a) {
    if (a != null) {
      w.put(name, a);
    }
  }

  private static INDArray transpose(INDArray a) {
    return a == null ? null : a.transpose().dup('c');
  }

  /**
   * Writes {@code lm} as a Hugging Face GPT-Neo / GPT-2 checkpoint directory (config.json, model.safetensors with
   * Hugging Face names and layouts) plus its tokenizer, loadable by {@link #load} and by transformers.
   */
  public static void save(CausalLm lm, Path tokenizer, Path dir) {
    GptConfig c = lm.config();
    Map<String, INDArray> w = lm.weights();
    Map<String, INDArray> out = new LinkedHashMap<>();
    out.put("transformer.wte.weight", w.get(GptWeights.WTE));
    out.put("transformer.wpe.weight", w.get(GptWeights.WPE));
    for (int i = 0; i < c.layers(); i++) {
      String h = "h." + i + ".";
      String t = "transformer." + h;
      for (String ln : new String[] {"ln_1", "ln_2"}) {
        out.put(t + ln + ".weight", w.get(h + ln + ".weight"));
        out.put(t + ln + ".bias", w.get(h + ln + ".bias"));
      }
      if (c.neo()) {
        for (String m : new String[] {"q", "k", "v"}) {
          out.put(t + "attn.attention." + m + "_proj.weight", transpose(w.get(h + "attn." + m + ".weight")));
        }
        out.put(t + "attn.attention.out_proj.weight", transpose(w.get(h + "attn.out.weight")));
        out.put(t + "attn.attention.out_proj.bias", w.get(h + "attn.out.bias"));
        out.put(t + "mlp.c_fc.weight", transpose(w.get(h + "mlp.fc.weight")));
        out.put(t + "mlp.c_proj.weight", transpose(w.get(h + "mlp.proj.weight")));
      } else {
        out.put(t + "attn.c_attn.weight", org.nd4j.linalg.factory.Nd4j.hstack(w.get(h + "attn.q.weight"),
            w.get(h + "attn.k.weight"), w.get(h + "attn.v.weight")));
        out.put(t + "attn.c_attn.bias", org.nd4j.linalg.factory.Nd4j.concat(0, w.get(h + "attn.q.bias"),
            w.get(h + "attn.k.bias"), w.get(h + "attn.v.bias")));
        out.put(t + "attn.c_proj.weight", w.get(h + "attn.out.weight"));
        out.put(t + "attn.c_proj.bias", w.get(h + "attn.out.bias"));
        out.put(t + "mlp.c_fc.weight", w.get(h + "mlp.fc.weight"));
        out.put(t + "mlp.c_proj.weight", w.get(h + "mlp.proj.weight"));
      }
      out.put(t + "mlp.c_fc.bias", w.get(h + "mlp.fc.bias"));
      out.put(t + "mlp.c_proj.bias", w.get(h + "mlp.proj.bias"));
    }
    out.put("transformer.ln_f.weight", w.get("ln_f.weight"));
    out.put("transformer.ln_f.bias", w.get("ln_f.bias"));
    ObjectMapper json = new ObjectMapper();
    var cfg = json.createObjectNode();
    if (c.neo()) {
      cfg.put("model_type", GptConfig.NEO).put("vocab_size", c.vocabSize())
          .put("max_position_embeddings", c.maxPositions()).put("hidden_size", c.hidden())
          .put("num_heads", c.heads()).put("num_layers", c.layers()).put("intermediate_size", c.intermediate())
          .put("window_size", c.window()).put("layer_norm_epsilon", c.eps())
          .put("activation_function", "gelu_new").put("bos_token_id", 0).put("eos_token_id", 0);
      var types = cfg.putArray("attention_types");
      for (String type : c.layerTypes()) {
        var group = types.addArray();
        group.addArray().add(type);
        group.add(1);
      }
      cfg.putArray("architectures").add("GPTNeoForCausalLM");
    } else {
      cfg.put("model_type", GptConfig.GPT2).put("vocab_size", c.vocabSize()).put("n_positions", c.maxPositions())
          .put("n_embd", c.hidden()).put("n_head", c.heads()).put("n_layer", c.layers())
          .put("n_inner", c.intermediate()).put("layer_norm_epsilon", c.eps());
      cfg.putArray("architectures").add("GPT2LMHeadModel");
    }
    try {
      java.nio.file.Files.createDirectories(dir);
      Safetensors.write(dir.resolve("model.safetensors"), out, Map.of("format", "pt"));
      dev.unlearn4j.util.AtomicFiles.write(dir.resolve("tokenizer.json"), o -> java.nio.file.Files.copy(tokenizer,
          o));
      dev.unlearn4j.util.AtomicFiles.writeString(dir.resolve("config.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(cfg) + "\n");
    } catch (IOException e) {
      throw new UnlearnException(dir + ": cannot write checkpoint (" + e.getMessage() + ")");
    }
  }
}
