package dev.unlearn4j.model.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.util.UnlearnException;
import java.util.ArrayList;
import java.util.List;

/**
 * Architecture of a GPT-Neo or GPT-2 decoder (pre-LN blocks, tanh-GELU MLP, learned positions, LM head tied to the
 * token embedding).
 *
 * @param family {@code gpt_neo} (no 1/√d scaling, no q/k/v bias, global/local layers) or {@code gpt2}
 * @param vocabSize V
 * @param maxPositions learned positions P
 * @param hidden width D
 * @param heads attention heads H
 * @param intermediate MLP width (4·D when the checkpoint leaves it unset)
 * @param eps LayerNorm ε (1e-5)
 * @param layerTypes per layer {@code global} or {@code local}
 * @param window local attention: query i sees keys j with 0 ≤ i − j &lt; window
 */
public record GptConfig(String family, int vocabSize, int maxPositions, int hidden, int heads, int intermediate,
    double eps, List<String> layerTypes, int window) {
  public static final String NEO = "gpt_neo";
  public static final String GPT2 = "gpt2";

  public GptConfig {
    if (!NEO.equals(family) && !GPT2.equals(family)) {
      throw new UnlearnException("unsupported model_type '" + family + "' (supported: gpt_neo, gpt2)");
    }
    if (heads < 1 || hidden % heads != 0) {
      throw new UnlearnException("hidden size " + hidden + " is not divisible by " + heads + " heads");
    }
    layerTypes = List.copyOf(layerTypes);
  }

  /**
   * The architecture of GPT-Neo-125M as its {@code config.json} gives it: 12 layers alternating global and local
   * attention (window 256), hidden 768, 12 heads, MLP 3,072, vocabulary 50,257, 2,048 positions.
   */
  public static GptConfig gptNeo125m() {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      types.add(i % 2 == 0 ? "global" : "local");
    }
    return new GptConfig(NEO, 50257, 2048, 768, 12, 3072, 1e-5, types, 256);
  }

  public int layers() {
    return layerTypes.size();
  }

  public int headSize() {
    return hidden / heads;
  }

  public boolean neo() {
    return NEO.equals(family);
  }

  /** Reads a Hugging Face {@code config.json} tree (GPT-Neo or GPT-2 key names). */
  public static GptConfig fromHf(JsonNode c, String where) {
    String type = c.path("model_type").asText("");
    if (type.equals(NEO)) {
      int hidden = required(c, "hidden_size", where);
      List<String> types = new ArrayList<>();
      for (JsonNode group : c.path("attention_types")) {           // [[["global","local"], 6]]
        for (int r = 0; r < group.get(1).asInt(); r++) {
          group.get(0).forEach(t -> types.add(t.asText()));
        }
      }
      if (types.isEmpty()) {
        throw new UnlearnException(where + ": config.json has no attention_types");
      }
      int inter = c.path("intermediate_size").isNull() || c.path("intermediate_size").isMissingNode()
          ? 4 * hidden : c.get("intermediate_size").asInt();
      return new GptConfig(NEO, required(c, "vocab_size", where), required(c, "max_position_embeddings", where),
          hidden, required(c, "num_heads", where), inter, c.path("layer_norm_epsilon").asDouble(1e-5), types,
          c.path("window_size").asInt(256));
    }
    if (type.equals(GPT2)) {
      int hidden = required(c, "n_embd", where);
      List<String> types = new ArrayList<>();
      for (int i = 0; i < required(c, "n_layer", where); i++) {
        types.add("global");
      }
      int inter = c.path("n_inner").isNull() || c.path("n_inner").isMissingNode() ? 4 * hidden
          : c.get("n_inner").asInt();
      return new GptConfig(GPT2, required(c, "vocab_size", where), required(c, "n_positions", where), hidden,
          required(c, "n_head", where), inter, c.path("layer_norm_epsilon").asDouble(1e-5), types, 0);
    }
    throw new UnlearnException(where + ": unsupported model_type '" + type + "' (supported: gpt_neo, gpt2)");
  }

  /** The Hugging Face {@code config.json} tree of this architecture (what {@link #fromHf} reads back). */
  public ObjectNode toHf(ObjectMapper json) {
    ObjectNode cfg = json.createObjectNode();
    if (neo()) {
      cfg.put("model_type", NEO).put("vocab_size", vocabSize).put("max_position_embeddings", maxPositions)
          .put("hidden_size", hidden).put("num_heads", heads).put("num_layers", layers())
          .put("intermediate_size", intermediate).put("window_size", window).put("layer_norm_epsilon", eps)
          .put("activation_function", "gelu_new").put("bos_token_id", 0).put("eos_token_id", 0);
      ArrayNode types = cfg.putArray("attention_types");        // one [[type], 1] group per layer
      for (String type : layerTypes) {
        ArrayNode group = types.addArray();
        group.addArray().add(type);
        group.add(1);
      }
      cfg.putArray("architectures").add("GPTNeoForCausalLM");
    } else {
      cfg.put("model_type", GPT2).put("vocab_size", vocabSize).put("n_positions", maxPositions)
          .put("n_embd", hidden).put("n_head", heads).put("n_layer", layers()).put("n_inner", intermediate)
          .put("layer_norm_epsilon", eps);
      cfg.putArray("architectures").add("GPT2LMHeadModel");
    }
    return cfg;
  }

  private static int required(JsonNode c, String key, String where) {
    if (!c.hasNonNull(key)) {
      throw new UnlearnException(where + ": config.json lacks '" + key + "'");
    }
    return c.get(key).asInt();
  }
}
