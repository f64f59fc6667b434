package dev.unlearn4j.model.encoder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An encoder checkpoint directory: {@code model.safetensors} (every weight, float32), {@code tokenizer.json} and
 * {@code config.json} (architecture, model arguments, head size, ONNX origin), written last so that a directory
 * with a {@code config.json} is complete. Checkpoints are never written into a non-empty directory.
 */
public final class EncoderCheckpoint {
  private EncoderCheckpoint() {}

  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "model.safetensors";
  public static final String TOKENIZER = "tokenizer.json";
  static final String FORMAT = "unlearn4j-encoder";

  /** The contents of config.json. */
  public record Manifest(String format, int version, BertConfig config, EncoderArgs args, int numClasses,
      OnnxOrigin origin, HfOrigin hf, List<String> labels) {
    public EncoderSource source() {
      return new EncoderSource(origin, hf, labels);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static void write(Path dir, BertClassifier model) {
    write(dir, model.config(), model.args(), model.weights(), model.tokenizer().file(), model.numClasses(),
        model.source());
  }

  public static void write(Path dir, BertConfig config, EncoderArgs args, Map<String, INDArray> weights,
      Path tokenizer, int numClasses, EncoderSource given) {
    EncoderSource source = given == null ? EncoderSource.NONE : given;
    try {
      AtomicFiles.createEmpty(dir, "checkpoint directory");
      Safetensors.write(dir.resolve(WEIGHTS), weights, Map.of("format", "pt"));
      AtomicFiles.write(dir.resolve(TOKENIZER), out -> Files.copy(tokenizer, out));
      Manifest m = new Manifest(FORMAT, 1, config, args, numClasses, source.onnx(), source.hf(), source.labels());
      AtomicFiles.writeString(dir.resolve(CONFIG), JSON.writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new UnlearnException(dir + ": cannot write checkpoint (" + e.getMessage() + ")");
    }
  }

  public static Manifest manifest(Path dir) {
    Path cfg = dir.resolve(CONFIG);
    if (!Files.isRegularFile(cfg)) {
      throw new UnlearnException(dir + ": not a checkpoint (no " + CONFIG + ")");
    }
    try {
      Manifest m = JSON.readValue(cfg.toFile(), Manifest.class);
      if (!FORMAT.equals(m.format())) {
        throw new UnlearnException(cfg + ": not an unlearn4j encoder checkpoint (format '" + m.format() + "')");
      }
      return m;
    } catch (IOException e) {
      throw new UnlearnException(cfg + ": unreadable checkpoint config (" + e.getMessage().lines().findFirst()
          .orElse("") + ")");
    }
  }

  public static EncoderBundle read(Path dir) {
    Manifest m = manifest(dir);
    Map<String, INDArray> w = Safetensors.read(dir.resolve(WEIGHTS));
    for (String name : BertWeights.names(m.config())) {
      requireShape(dir, w, name, BertWeights.shape(m.config(), name));
    }
    if (m.numClasses() > 0) {
      for (String name : BertWeights.headNames(m.config())) {
        requireShape(dir, w, name, BertWeights.shape(m.config(), name));
      }
      requireShape(dir, w, BertClassifier.HEAD_WEIGHT, new long[] {m.config().hidden(), m.numClasses()});
      requireShape(dir, w, BertClassifier.HEAD_BIAS, new long[] {m.numClasses()});
    }
    return new EncoderBundle(m.config(), w, dir.resolve(TOKENIZER), m.source(), m.numClasses(),
        m.args().pooling() != null ? m.args().pooling() : EncoderArgs.Pooling.MEAN);
  }

  private static void requireShape(Path dir, Map<String, INDArray> w, String name, long[] shape) {
    INDArray a = w.get(name);
    if (a == null) {
      throw new UnlearnException(dir.resolve(WEIGHTS) + ": missing tensor '" + name + "'");
    }
    if (!Arrays.equals(a.shape(), shape)) {
      throw new UnlearnException(dir.resolve(WEIGHTS) + ": tensor '" + name + "' has shape "
          + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(shape));
    }
  }
}
