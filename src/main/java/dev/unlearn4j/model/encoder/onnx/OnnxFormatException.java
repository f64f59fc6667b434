package dev.unlearn4j.model.encoder.onnx;

import dev.unlearn4j.util.UnlearnException;

/** An ONNX file that cannot be read, or a graph that is not a supported BERT-family export. */
public class OnnxFormatException extends UnlearnException {
  public OnnxFormatException(String message) {
    super(message);
  }
}
