package dev.unlearn4j.model.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * Reads Hugging Face encoder checkpoints ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json})
 * of the BERT, RoBERTa and DistilBERT families, base models or {@code *ForSequenceClassification}, into the
 * SameDiff encoder's names and layout ({@link HfFamily}); F32, F16 and BF16 tensors become float32 and their dtypes
 * are remembered for the way back ({@link HfEncoderExport}). A missing or misshapen tensor fails with its name.
 */
public final class HfEncoders {
  private HfEncoders() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** Buffers that are not weights (position ids) and heads this family does not use (RoBERTa's pooler). */
  private static final Set<String> IGNORED_SUFFIXES = Set.of("position_ids", "token_type_ids");

  /** True if {@code dir} holds a Hugging Face checkpoint (a config.json with a model_type). */
  public static boolean isHf(Path dir) {
    JsonNode c = config(dir.resolve("config.json"), false);
    return c != null && c.has("model_type") && !c.has("format");
  }

  public static EncoderBundle read(Path dir) {
    Path cfgFile = dir.resolve("config.json");
    JsonNode cfg = config(cfgFile, true);
    HfFamily family = HfFamily.of(cfg.path("model_type").asText(), cfgFile.toString());
    BertConfig c = family.config(cfg, cfgFile.toString());
    Path file = weightsFile(dir);
    Path tokenizer = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw new UnlearnException(dir + ": no tokenizer.json (save it beside the model: "
          + "tokenizer.save_pretrained(DIR) with a fast tokenizer)");
    }
    Map<String, INDArray> raw = Safetensors.read(file);
    String prefix = raw.keySet().stream().anyMatch(k -> k.startsWith(family.prefix())) ? family.prefix() : "";
    Set<String> unused = new TreeSet<>(raw.keySet());
    Map<String, INDArray> w = new LinkedHashMap<>();
    for (HfFamily.Link l : family.encoderLinks(c)) {
      w.put(l.ours(), take(raw, unused, prefix + l.hf(), l, c, file));
    }
    if (family == HfFamily.DISTILBERT) {
      w.put(BertWeights.TOKEN_TYPE, Nd4j.zeros(w.get(BertWeights.WORD).dataType(), 1, c.hidden()));
    }
    int numClasses = 0;
    HfFamily.Link out = family.classifierLinks().get(0);
    if (raw.containsKey(out.hf())) {
      numClasses = (int) raw.get(out.hf()).size(0);
      for (HfFamily.Link l : family.denseLinks(prefix)) {
        w.put(l.ours(), take(raw, unused, l.hf(), l, c, file));
      }
      for (HfFamily.Link l : family.classifierLinks()) {
        w.put(l.ours(), take(raw, unused, l.hf(), l, c, file));
      }
    } else if (family == HfFamily.BERT && raw.containsKey(prefix + "pooler.dense.weight")) {
      for (HfFamily.Link l : family.denseLinks(prefix)) {      // a base model's pooler: BERT's heads start from it
        w.put(l.ours(), take(raw, unused, l.hf(), l, c, file));
      }
    }
    unused.removeIf(k -> IGNORED_SUFFIXES.stream().anyMatch(k::endsWith)
        || family == HfFamily.ROBERTA && k.startsWith(prefix + "pooler."));
    if (!unused.isEmpty()) {
      LoggerFactory.getLogger(HfEncoders.class).warn("{}: ignoring unexpected tensors {}", file, unused);
    }
    HfOrigin origin = new HfOrigin(family.modelType, prefix, (ObjectNode) cfg, Safetensors.dtypes(file));
    return new EncoderBundle(c, w, tokenizer, new EncoderSource(null, origin, labels(cfg, numClasses)), numClasses,
        EncoderArgs.Pooling.CLS);
  }

  /** model.safetensors, or a one-line cause when the directory holds another format. */
  private static Path weightsFile(Path dir) {
    Path st = dir.resolve("model.safetensors");
    if (Files.isRegularFile(st)) {
      return st;
    }
    if (Files.exists(dir.resolve("model.safetensors.index.json"))) {
      throw new UnlearnException(dir + ": sharded safetensors are not supported; save the model unsharded "
          + "(save_pretrained(DIR, max_shard_size=\"10GB\"))");
    }
    if (Files.exists(dir.resolve("pytorch_model.bin"))) {
      throw new UnlearnException(dir + ": holds pytorch_model.bin only; convert it to model.safetensors first "
          + "(transformers: AutoModel.from_pretrained(DIR).save_pretrained(DIR, safe_serialization=True))");
    }
    throw new UnlearnException(dir + ": no model.safetensors");
  }

  private static INDArray take(Map<String, INDArray> raw, Set<String> unused, String name, HfFamily.Link l,
      BertConfig c, Path file) {
    INDArray a = raw.get(name);
    if (a == null) {
      throw new UnlearnException(file + ": missing tensor '" + name + "'");
    }
    unused.remove(name);
    INDArray ours = l.transposed() ? a.transpose().dup('c') : a;
    long[] want = expected(l.ours(), c, raw, name);
    if (!Arrays.equals(ours.shape(), want)) {
      long[] theirs = want.length == 2 && l.transposed() ? new long[] {want[1], want[0]} : want;
      throw new UnlearnException(file + ": tensor '" + name + "' has shape " + Arrays.toString(a.shape())
          + ", config.json implies " + Arrays.toString(theirs));
    }
    return ours;
  }

  private static long[] expected(String ours, BertConfig c, Map<String, INDArray> raw, String name) {
    if (ours.equals(BertClassifier.HEAD_WEIGHT)) {
      return new long[] {c.hidden(), raw.get(name).size(0)};
    }
    if (ours.equals(BertClassifier.HEAD_BIAS)) {
      return new long[] {raw.get(name).size(0)};
    }
    return BertWeights.shape(c, ours);
  }

  /** Class names from id2label, index order, when it names every class; else null. */
  private static List<String> labels(JsonNode cfg, int numClasses) {
    JsonNode m = cfg.path("id2label");
    if (numClasses == 0 || m.size() != numClasses) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < numClasses; i++) {
      if (!m.has(String.valueOf(i))) {
        return null;
      }
      names.add(m.get(String.valueOf(i)).asText());
    }
    return names;
  }

  private static JsonNode config(Path f, boolean required) {
    if (!Files.isRegularFile(f)) {
      if (required) {
        throw new UnlearnException(f + ": no such file");
      }
      return null;
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      if (n == null || !n.isObject()) {
        throw new UnlearnException(f + ": not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new UnlearnException(f + ": unreadable config.json (" + e.getMessage().lines().findFirst().orElse("")
          + ")");
    }
  }
}
