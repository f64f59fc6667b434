package dev.unlearn4j.model.encoder;

import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.encoder.onnx.OnnxGraph;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * An encoder as loaded from its source (embedded model, ONNX export, Hugging Face checkpoint or unlearn4j
 * checkpoint): architecture, weights (with a head if the source had one), tokenizer file and origin.
 *
 * @param weights BERT's Hugging Face names, plus {@code head.dense.*} and {@code classifier.*} when stored
 * @param source where the weights first came from, and the class names
 * @param numClasses classes of the stored head, 0 if there is none
 * @param pooling the source's own pooling, used when {@code model.args.pooling} is unset: mean for
 *     sentence-transformers exports, the first token for Hugging Face classifiers, as recorded for checkpoints
 */
public record EncoderBundle(BertConfig config, Map<String, INDArray> weights, Path tokenizerFile,
    EncoderSource source, int numClasses, EncoderArgs.Pooling pooling) {

  /** The ONNX export the weights came from, or null. */
  public OnnxOrigin origin() {
    return source.onnx();
  }

  /** Names the source in messages: its ONNX export, else the directory of its tokenizer (the checkpoint). */
  private String where() {
    return origin() != null ? String.valueOf(origin().onnx()) : tokenizerFile == null ? "the checkpoint"
        : String.valueOf(tokenizerFile.toAbsolutePath().getParent());
  }

  /**
   * Opens {@code embedded:<name>}, an {@code .onnx} file (with {@code tokenizer}), a Hugging Face checkpoint
   * directory or an unlearn4j checkpoint directory.
   */
  public static EncoderBundle open(String source, String tokenizer) {
    if (EmbeddedModels.isEmbedded(source)) {
      EmbeddedModels.EncoderFiles f = EmbeddedModels.resolve(source);
      return fromOnnx(source, f.onnx(), tokenizer != null ? Path.of(tokenizer) : f.tokenizer());
    }
    Path p = Path.of(source);
    if (Files.isDirectory(p)) {
      return HfEncoders.isHf(p) ? HfEncoders.read(p) : EncoderCheckpoint.read(p);
    }
    if (!Files.exists(p)) {
      throw new UnlearnException(source + ": no such file or checkpoint directory");
    }
    if (tokenizer == null) {
      throw new UnlearnException(source + ": an ONNX file needs its tokenizer.json (model.args.tokenizer)");
    }
    return fromOnnx(source, p, Path.of(tokenizer));
  }

  static EncoderBundle fromOnnx(String location, Path onnx, Path tokenizer) {
    OnnxGraph g = OnnxGraph.read(onnx);
    BertOnnxImport.Imported imp = BertOnnxImport.read(g);
    if (!Files.isRegularFile(tokenizer)) {
      throw new UnlearnException(tokenizer + ": tokenizer file not found");
    }
    OnnxOrigin origin = new OnnxOrigin(location, Sha256.of(g.bytes()), imp.onnxNames());
    return new EncoderBundle(imp.config(), imp.weights(), tokenizer, EncoderSource.of(origin), 0,
        EncoderArgs.Pooling.MEAN);
  }

  /** A classifier with this encoder and no class names (see the overload). */
  public BertClassifier classifier(EncoderArgs requested, int numClasses, long seed) {
    return classifier(requested, numClasses, seed, null);
  }

  /**
   * A classifier with this encoder: the stored head when it has {@code numClasses} classes, else a new head.
   *
   * @param seed initialises a new head
   * @param labels the dataset's class names (a new head takes them; a stored head with named classes is matched to
   *     them by name, see {@link HeadLabels})
   */
  public BertClassifier classifier(EncoderArgs requested, int numClasses, long seed, List<String> labels) {
    EncoderArgs args = requested.pooling() != null ? requested : requested.withPooling(pooling);
    TextTokenizer tok = TextTokenizer.load(tokenizerFile, args.maxLength());
    if (this.numClasses == numClasses) {
      Map<String, INDArray> w = new LinkedHashMap<>();
      weights.forEach((k, v) -> w.put(k, v.dup()));
      List<String> names = HeadLabels.align(w, source.labels(), labels, where());
      return new BertClassifier(config, args, tok, numClasses, w, source.withLabels(names));
    }
    if (this.numClasses > 0) {
      // a label mismatch: the stored head cannot score this dataset's classes, so a new one is trained
      LoggerFactory.getLogger(EncoderBundle.class).warn("{} has a head for {} classes, the dataset has {}:"
          + " the head is replaced by a new one", where(),
          this.numClasses, numClasses);
    }
    Map<String, INDArray> encoder = new LinkedHashMap<>(weights);
    encoder.remove(BertClassifier.HEAD_WEIGHT);
    encoder.remove(BertClassifier.HEAD_BIAS);
    return BertClassifier.withNewHead(config, args, tok, encoder, numClasses, seed, source.withLabels(labels));
  }
}
