package dev.unlearn4j.model.encoder;

import dev.unlearn4j.model.EmbeddedModels;
import java.nio.file.Path;
import java.util.Map;

/**
 * The ONNX file an encoder's weights were imported from, so that trained weights can be written back into that
 * graph.
 *
 * @param onnx the source as configured ({@code embedded:<name>} or a path)
 * @param sha256 SHA-256 of the ONNX file
 * @param onnxNames Hugging Face tensor name → initializer name in the file
 */
public record OnnxOrigin(String onnx, String sha256, Map<String, String> onnxNames) {
  /** The ONNX file itself: the extracted copy of an embedded model, or the recorded path. */
  public Path file() {
    return EmbeddedModels.isEmbedded(onnx) ? EmbeddedModels.resolve(onnx).onnx() : Path.of(onnx);
  }
}
