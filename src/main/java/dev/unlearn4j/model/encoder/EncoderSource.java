package dev.unlearn4j.model.encoder;

import java.util.List;

/**
 * Where an encoder's weights came from and what its classes are called; travels with the model into every
 * checkpoint written from it.
 *
 * @param onnx the ONNX export the weights were read from (export writes into a copy of its graph), or null
 * @param hf the Hugging Face checkpoint they were read from (export --hf writes its layout), or null
 * @param labels the class names of the head, index order, or null when unknown
 */
public record EncoderSource(OnnxOrigin onnx, HfOrigin hf, List<String> labels) {
  public static final EncoderSource NONE = new EncoderSource(null, null, null);

  public static EncoderSource of(OnnxOrigin onnx) {
    return new EncoderSource(onnx, null, null);
  }

  public EncoderSource withLabels(List<String> names) {
    return new EncoderSource(onnx, hf, names == null ? null : List.copyOf(names));
  }
}
