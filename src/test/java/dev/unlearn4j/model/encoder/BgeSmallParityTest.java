package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.model.EmbeddedModels;
import org.junit.jupiter.api.Test;

/** The 12-layer BGE-small export imports by the same graph rules and matches onnxruntime. */
class BgeSmallParityTest {
  @Test
  void bgeSmallImportsAndMatchesOnnxRuntime() {
    String source = "embedded:bge-small-en-v15";
    EncoderBundle b = EncoderBundle.open(source, null);
    assertThat(b.config().layers()).isEqualTo(12);
    assertThat(b.config().hidden()).isEqualTo(384);
    assertThat(b.config().heads()).isEqualTo(12);
    BertClassifier m = b.classifier(new EncoderArgs(source, null, 64, EncoderArgs.Pooling.CLS, 0.1, 0, false), 2,
        0);
    assertThat(EncoderParity.maxAbsDiff(m, EmbeddedModels.resolve(source).onnx(), 1, 4, 32, 3L))
        .isLessThanOrEqualTo(1e-4);
  }
}
