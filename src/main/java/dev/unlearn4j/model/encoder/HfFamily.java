package dev.unlearn4j.model.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.util.UnlearnException;
import java.util.ArrayList;
import java.util.List;

/**
 * The three Hugging Face encoder families and how each maps onto the one SameDiff encoder: BERT (pooler + classifier
 * head), RoBERTa (positions offset by padding_idx + 1, one token type, {@code classifier.dense} +
 * {@code classifier.out_proj} on the first token) and DistilBERT (no token types, its own tensor names,
 * {@code pre_classifier} + ReLU + {@code classifier}). Every architecture value comes from {@code config.json};
 * anything the encoder cannot represent fails with the key that says so.
 */
enum HfFamily {
  BERT("bert", "tanh", "BertForSequenceClassification"),
  ROBERTA("roberta", "tanh", "RobertaForSequenceClassification"),
  DISTILBERT("distilbert", "relu", "DistilBertForSequenceClassification");

  /** One tensor: our name, its Hugging Face name, and whether it is stored transposed ([out, in]). */
  record Link(String ours, String hf, boolean transposed) {}

  final String modelType;
  final String headActivation;
  final String architecture;

  HfFamily(String modelType, String headActivation, String architecture) {
    this.modelType = modelType;
    this.headActivation = headActivation;
    this.architecture = architecture;
  }

  String prefix() {
    return modelType + ".";
  }

  static HfFamily of(String modelType, String where) {
    for (HfFamily f : values()) {
      if (f.modelType.equals(modelType)) {
        return f;
      }
    }
    throw new UnlearnException(where + ": model_type '" + modelType + "' is not supported (bert, roberta, "
        + "distilbert)");
  }

  /** The architecture config.json describes, with this family's head. */
  BertConfig config(JsonNode c, String where) {
    if (this == DISTILBERT) {
      if (c.path("sinusoidal_pos_embds").asBoolean(false)) {
        throw new UnlearnException(where + ": sinusoidal_pos_embds true is not supported (learned positions only)");
      }
      requireGelu(c, "activation", where);
      return new BertConfig(num(c, "vocab_size", where), num(c, "dim", where), num(c, "n_layers", where),
          num(c, "n_heads", where), num(c, "hidden_dim", where), num(c, "max_position_embeddings", where), 1, 1e-12,
          0, headActivation);
    }
    requireGelu(c, "hidden_act", where);
    String positions = c.path("position_embedding_type").asText("absolute");
    if (!positions.equals("absolute")) {
      throw new UnlearnException(where + ": position_embedding_type '" + positions + "' is not supported (absolute)");
    }
    int offset = this == ROBERTA ? num(c, "pad_token_id", where) + 1 : 0;
    return new BertConfig(num(c, "vocab_size", where), num(c, "hidden_size", where),
        num(c, "num_hidden_layers", where), num(c, "num_attention_heads", where), num(c, "intermediate_size", where),
        num(c, "max_position_embeddings", where), num(c, "type_vocab_size", where),
        c.path("layer_norm_eps").asDouble(1e-12), offset, headActivation);
  }

  /** The encoder's tensors (Hugging Face names without the family prefix). */
  List<Link> encoderLinks(BertConfig c) {
    List<Link> l = new ArrayList<>();
    l.add(new Link(BertWeights.WORD, BertWeights.WORD, false));
    l.add(new Link(BertWeights.POSITION, BertWeights.POSITION, false));
    if (this != DISTILBERT) {
      l.add(new Link(BertWeights.TOKEN_TYPE, BertWeights.TOKEN_TYPE, false));
    }
    l.add(new Link("embeddings.LayerNorm.weight", "embeddings.LayerNorm.weight", false));
    l.add(new Link("embeddings.LayerNorm.bias", "embeddings.LayerNorm.bias", false));
    for (int i = 0; i < c.layers(); i++) {
      String[][] modules = this == DISTILBERT ? new String[][] {
          {"attention.self.query", "attention.q_lin"}, {"attention.self.key", "attention.k_lin"},
          {"attention.self.value", "attention.v_lin"}, {"attention.output.dense", "attention.out_lin"},
          {"attention.output.LayerNorm", "sa_layer_norm"}, {"intermediate.dense", "ffn.lin1"},
          {"output.dense", "ffn.lin2"}, {"output.LayerNorm", "output_layer_norm"}}
          : new String[][] {{"attention.self.query"}, {"attention.self.key"}, {"attention.self.value"},
          {"attention.output.dense"}, {"attention.output.LayerNorm"}, {"intermediate.dense"}, {"output.dense"},
          {"output.LayerNorm"}};
      String theirs = this == DISTILBERT ? "transformer.layer." + i + "." : "encoder.layer." + i + ".";
      for (String[] m : modules) {
        String hf = theirs + m[m.length - 1];
        boolean norm = m[0].endsWith("LayerNorm");
        l.add(new Link(BertWeights.layer(i, m[0]) + ".weight", hf + ".weight", !norm));
        l.add(new Link(BertWeights.layer(i, m[0]) + ".bias", hf + ".bias", false));
      }
    }
    return l;
  }

  /** The head's dense layer, full names ({@code prefix} is the encoder's: BERT's pooler lives under it). */
  List<Link> denseLinks(String prefix) {
    String d = switch (this) {
      case BERT -> prefix + "pooler.dense";
      case ROBERTA -> "classifier.dense";
      case DISTILBERT -> "pre_classifier";
    };
    return List.of(new Link(BertClassifier.DENSE_WEIGHT, d + ".weight", true),
        new Link(BertClassifier.DENSE_BIAS, d + ".bias", false));
  }

  /** The final classifier layer, full names. */
  List<Link> classifierLinks() {
    String o = this == ROBERTA ? "classifier.out_proj" : "classifier";
    return List.of(new Link(BertClassifier.HEAD_WEIGHT, o + ".weight", true),
        new Link(BertClassifier.HEAD_BIAS, o + ".bias", false));
  }

  private static int num(JsonNode c, String key, String where) {
    JsonNode v = c.get(key);
    if (v == null || !v.canConvertToInt()) {
      throw new UnlearnException(where + ": key '" + key + "' is missing or not an integer");
    }
    return v.asInt();
  }

  private static void requireGelu(JsonNode c, String key, String where) {
    String act = c.path(key).asText("gelu");
    if (!act.equals("gelu")) {
      throw new UnlearnException(where + ": " + key + " '" + act + "' is not supported (gelu)");
    }
  }
}
