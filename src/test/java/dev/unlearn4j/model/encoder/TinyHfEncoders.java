package dev.unlearn4j.model.encoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.testing.WordTokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tiny random Hugging Face encoder checkpoints written the way transformers saves them: the family's tensor names
 * and prefix, {@code nn.Linear} weights [out, in], a {@code *ForSequenceClassification} head of 3 classes, and the
 * family's config.json keys, and a word-level tokenizer of the model's vocabulary (word0 … word27).
 */
public final class TinyHfEncoders {
  private TinyHfEncoders() {}

  static final int V = 30;
  static final int D = 8;
  static final int LAYERS = 2;
  static final int HEADS = 2;
  static final int FFN = 12;
  static final int POSITIONS = 20;
  static final int CLASSES = 3;
  static final int ROBERTA_PAD = 1;

  /** Writes a checkpoint of {@code family} (bert, roberta, distilbert) into {@code dir}; returns its tensors. */
  public static Map<String, INDArray> write(Path dir, String family, String dtype, boolean head, long seed)
      throws Exception {
    Random r = new Random(seed);
    Map<String, INDArray> t = new LinkedHashMap<>();
    boolean distil = family.equals("distilbert");
    String p = head ? family + "." : "";
    put(t, p + "embeddings.word_embeddings.weight", r, V, D);
    put(t, p + "embeddings.position_embeddings.weight", r, POSITIONS, D);
    if (!distil) {
      put(t, p + "embeddings.token_type_embeddings.weight", r, family.equals("roberta") ? 1 : 2, D);
    }
    norm(t, p + "embeddings.LayerNorm", r);
    for (int i = 0; i < LAYERS; i++) {
      if (distil) {
        String l = p + "transformer.layer." + i + ".";
        for (String m : List.of("attention.q_lin", "attention.k_lin", "attention.v_lin", "attention.out_lin")) {
          linear(t, l + m, r, D, D);
        }
        norm(t, l + "sa_layer_norm", r);
        linear(t, l + "ffn.lin1", r, FFN, D);
        linear(t, l + "ffn.lin2", r, D, FFN);
        norm(t, l + "output_layer_norm", r);
      } else {
        String l = p + "encoder.layer." + i + ".";
        for (String m : List.of("attention.self.query", "attention.self.key", "attention.self.value",
            "attention.output.dense")) {
          linear(t, l + m, r, D, D);
        }
        norm(t, l + "attention.output.LayerNorm", r);
        linear(t, l + "intermediate.dense", r, FFN, D);
        linear(t, l + "output.dense", r, D, FFN);
        norm(t, l + "output.LayerNorm", r);
      }
    }
    if (head) {
      switch (family) {
        case "bert" -> {
          linear(t, p + "pooler.dense", r, D, D);
          linear(t, "classifier", r, CLASSES, D);
        }
        case "roberta" -> {
          linear(t, "classifier.dense", r, D, D);
          linear(t, "classifier.out_proj", r, CLASSES, D);
        }
        default -> {
          linear(t, "pre_classifier", r, D, D);
          linear(t, "classifier", r, CLASSES, D);
        }
      }
    }
    if (!dtype.equals("F32")) {                    // values the 16-bit format holds exactly, as a real file would
      t.replaceAll((k, v) -> roundTo(v, dtype));
    }
    Files.createDirectories(dir);
    Map<String, String> dtypes = new LinkedHashMap<>();
    t.keySet().forEach(k -> dtypes.put(k, dtype));
    Safetensors.write(dir.resolve("model.safetensors"), t, Map.of("format", "pt"), dtypes);
    Files.writeString(dir.resolve("config.json"), config(family, head).toPrettyString());
    WordTokenizers.write(dir.resolve("tokenizer.json"), V);
    return t;
  }

  static ObjectNode config(String family, boolean head) {
    ObjectNode c = new ObjectMapper().createObjectNode();
    c.put("model_type", family);
    if (family.equals("distilbert")) {
      c.put("vocab_size", V).put("dim", D).put("n_layers", LAYERS).put("n_heads", HEADS).put("hidden_dim", FFN)
          .put("max_position_embeddings", POSITIONS).put("activation", "gelu").put("sinusoidal_pos_embds", false);
    } else {
      c.put("vocab_size", V).put("hidden_size", D).put("num_hidden_layers", LAYERS).put("num_attention_heads", HEADS)
          .put("intermediate_size", FFN).put("max_position_embeddings", POSITIONS).put("hidden_act", "gelu")
          .put("type_vocab_size", family.equals("roberta") ? 1 : 2)
          .put("layer_norm_eps", family.equals("roberta") ? 1e-5 : 1e-12);
      if (family.equals("roberta")) {
        c.put("pad_token_id", ROBERTA_PAD);
      }
    }
    if (head) {
      String arch = switch (family) {
        case "bert" -> "BertForSequenceClassification";
        case "roberta" -> "RobertaForSequenceClassification";
        default -> "DistilBertForSequenceClassification";
      };
      c.putArray("architectures").add(arch);
      ObjectNode id2label = c.putObject("id2label");
      List<String> names = new ArrayList<>(List.of("negative", "neutral", "positive"));
      for (int i = 0; i < CLASSES; i++) {
        id2label.put(String.valueOf(i), names.get(i));
      }
    }
    return c;
  }

  private static void put(Map<String, INDArray> t, String name, Random r, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian() * 0.5;
    }
    t.put(name, Nd4j.create(v, new long[] {rows, cols}, DataType.FLOAT));
  }

  private static void linear(Map<String, INDArray> t, String name, Random r, int out, int in) {
    put(t, name + ".weight", r, out, in);
    double[] b = new double[out];
    for (int i = 0; i < out; i++) {
      b[i] = r.nextGaussian() * 0.1;
    }
    t.put(name + ".bias", Nd4j.create(b, new long[] {out}, DataType.FLOAT));
  }

  private static void norm(Map<String, INDArray> t, String name, Random r) {
    double[] g = new double[D];
    double[] b = new double[D];
    for (int i = 0; i < D; i++) {
      g[i] = 1 + r.nextGaussian() * 0.1;
      b[i] = r.nextGaussian() * 0.1;
    }
    t.put(name + ".weight", Nd4j.create(g, new long[] {D}, DataType.FLOAT));
    t.put(name + ".bias", Nd4j.create(b, new long[] {D}, DataType.FLOAT));
  }

  private static INDArray roundTo(INDArray a, String dtype) {
    float[] v = a.dup('c').data().asFloat();
    for (int i = 0; i < v.length; i++) {
      v[i] = dtype.equals("F16") ? dev.unlearn4j.model.io.HalfFloats.halfToFloat(
          dev.unlearn4j.model.io.HalfFloats.floatToHalf(v[i])) : dev.unlearn4j.model.io.HalfFloats.bf16ToFloat(
          dev.unlearn4j.model.io.HalfFloats.floatToBf16(v[i]));
    }
    return Nd4j.create(v, a.shape(), 'c');
  }
}
