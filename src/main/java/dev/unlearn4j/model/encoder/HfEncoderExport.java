package dev.unlearn4j.model.encoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes an encoder checkpoint as a Hugging Face checkpoint directory that transformers loads with
 * {@code AutoModelForSequenceClassification.from_pretrained(DIR)} (or {@code AutoModel} without a head):
 * {@code config.json}, {@code model.safetensors} and {@code tokenizer.json}. A model imported from Hugging Face keeps
 * its family, config, tensor names and dtypes, so import → export gives back the same tensors bit for bit; any other
 * encoder is written as BERT. A head transformers has no counterpart for (mean pooling, or a linear layer straight on
 * the pooled vector) is refused.
 */
public final class HfEncoderExport {
  private HfEncoderExport() {}

  public static void write(Path checkpoint, Path out) {
    EncoderBundle b = EncoderCheckpoint.read(checkpoint);
    HfOrigin hf = b.source().hf();
    HfFamily family = hf != null ? HfFamily.of(hf.modelType(), checkpoint.toString()) : HfFamily.BERT;
    BertConfig c = b.config();
    boolean head = b.numClasses() > 0;
    if (head && (b.pooling() != EncoderArgs.Pooling.CLS || !c.head().equals(family.headActivation))) {
      throw new UnlearnException(checkpoint + ": its head (" + (c.denseHead() ? c.head() + " dense layer" : "linear")
          + " on " + b.pooling().key() + "-pooled tokens) has no transformers counterpart; export the ONNX graph "
          + "instead (unlearn export " + checkpoint + " --out model.onnx)");
    }
    String prefix = hf != null && !(head && hf.prefix().isEmpty()) ? hf.prefix() : head ? family.prefix() : "";
    Map<String, INDArray> w = b.weights();
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    List<HfFamily.Link> links = new ArrayList<>();
    family.encoderLinks(c).forEach(l -> links.add(new HfFamily.Link(l.ours(), prefix + l.hf(), l.transposed())));
    if (head || family == HfFamily.BERT && w.containsKey(BertClassifier.DENSE_WEIGHT)) {
      links.addAll(family.denseLinks(prefix));
    }
    if (head) {
      links.addAll(family.classifierLinks());
    }
    Map<String, String> dtypes = new LinkedHashMap<>();
    for (HfFamily.Link l : links) {
      INDArray a = w.get(l.ours());
      tensors.put(l.hf(), l.transposed() ? a.transpose().dup('c') : a);
      String dtype = hf == null ? "F32" : hf.dtypes().getOrDefault(l.hf(), "F32");
      dtypes.put(l.hf(), dtype.equals("F16") || dtype.equals("BF16") ? dtype : "F32");
    }
    ObjectNode config = hf != null ? hf.config().deepCopy() : bertConfig(c);
    if (head) {
      labels(config, family, b.numClasses(), b.source().labels());
    }
    try {
      AtomicFiles.createEmpty(out, "directory");
      Safetensors.write(out.resolve("model.safetensors"), tensors, Map.of("format", "pt"), dtypes);
      AtomicFiles.write(out.resolve("tokenizer.json"), o -> Files.copy(b.tokenizerFile(), o));
      AtomicFiles.writeString(out.resolve("config.json"),
          HfEncoders.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
    } catch (IOException e) {
      throw new UnlearnException(out + ": cannot write (" + e.getMessage() + ")");
    }
  }

  /** A transformers BERT config for an encoder that did not come from Hugging Face. */
  private static ObjectNode bertConfig(BertConfig c) {
    ObjectNode n = HfEncoders.JSON.createObjectNode();
    n.putArray("architectures").add("BertModel");
    n.put("model_type", "bert");
    n.put("vocab_size", c.vocabSize());
    n.put("hidden_size", c.hidden());
    n.put("num_hidden_layers", c.layers());
    n.put("num_attention_heads", c.heads());
    n.put("intermediate_size", c.intermediate());
    n.put("max_position_embeddings", c.maxPositions());
    n.put("type_vocab_size", c.typeVocab());
    n.put("layer_norm_eps", c.eps());
    n.put("hidden_act", "gelu");
    n.put("hidden_dropout_prob", 0.1);
    n.put("attention_probs_dropout_prob", 0.1);
    n.put("position_embedding_type", "absolute");
    n.put("pad_token_id", 0);
    n.put("initializer_range", 0.02);
    return n;
  }

  /** The classifier's architecture and class names (id2label / label2id; LABEL_i where names are unknown). */
  private static void labels(ObjectNode config, HfFamily family, int numClasses, List<String> names) {
    config.putArray("architectures").add(family.architecture);
    ObjectNode id2label = config.putObject("id2label");
    ObjectNode label2id = config.putObject("label2id");
    for (int i = 0; i < numClasses; i++) {
      String name = names != null && names.size() == numClasses ? names.get(i) : "LABEL_" + i;
      id2label.put(String.valueOf(i), name);
      label2id.put(name, i);
    }
    if (config.has("num_labels")) {
      config.put("num_labels", numClasses);
    }
  }
}
