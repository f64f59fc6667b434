package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class EncoderCheckpointTest {
  @TempDir Path dir;

  private static Path tokenizerFile() {
    return EmbeddedModels.resolve(EmbeddedModels.MINILM).tokenizer();
  }

  @Test
  void savedClassifierReloadsWithItsHeadAndGivesTheSameLogits() {
    BertClassifier m = TinyEncoders.classifier(DataType.FLOAT, EncoderArgs.Pooling.MEAN, 0.1, 3);
    Path ck = dir.resolve("ck");
    EncoderCheckpoint.write(ck, m.config(), m.args(), m.weights(), tokenizerFile(), 3, null);
    EncoderBundle b = EncoderCheckpoint.read(ck);
    assertThat(b.numClasses()).isEqualTo(3);
    assertThat(b.config()).isEqualTo(m.config());
    BertClassifier back = b.classifier(m.args(), 3, 99);
    BertGraph g1 = (BertGraph) m.graph();
    BertGraph g2 = (BertGraph) back.graph();
    var batch = TinyEncoders.batch(2);
    assertThat(g2.sd().output(g2.feedTokens(batch), "logits").get("logits"))
        .isEqualTo(g1.sd().output(g1.feedTokens(batch), "logits").get("logits"));
    // a different class count draws a new head but keeps the encoder
    BertClassifier other = b.classifier(m.args(), 2, 99);
    assertThat(other.weights().get(BertClassifier.HEAD_WEIGHT).shape()).containsExactly(8, 2);
    assertThat(other.weights().get("encoder.layer.1.output.dense.weight"))
        .isEqualTo(m.weights().get("encoder.layer.1.output.dense.weight"));
  }

  @Test
  void checkpointsAreNeverWrittenIntoANonEmptyDirectory() throws Exception {
    BertClassifier m = TinyEncoders.classifier(DataType.FLOAT, EncoderArgs.Pooling.MEAN, 0.1, 3);
    Files.writeString(dir.resolve("keep.txt"), "user data");
    assertThatThrownBy(() -> EncoderCheckpoint.write(dir, m.config(), m.args(), m.weights(), tokenizerFile(), 3, null))
        .isInstanceOf(UnlearnException.class).hasMessageContaining("exists and is not empty");
    assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("user data");
  }

  @Test
  void missingOrMisshapenTensorFailsClearly() {
    BertClassifier m = TinyEncoders.classifier(DataType.FLOAT, EncoderArgs.Pooling.MEAN, 0.1, 3);
    Path ck = dir.resolve("ck");
    EncoderCheckpoint.write(ck, m.config(), m.args(), m.weights(), tokenizerFile(), 3, null);
    Map<String, INDArray> w = new LinkedHashMap<>(Safetensors.read(ck.resolve(EncoderCheckpoint.WEIGHTS)));
    w.remove("encoder.layer.1.attention.self.key.bias");
    Safetensors.write(ck.resolve(EncoderCheckpoint.WEIGHTS), w, Map.of());
    assertThatThrownBy(() -> EncoderCheckpoint.read(ck)).hasMessageContaining(
        "missing tensor 'encoder.layer.1.attention.self.key.bias'");
    assertThatThrownBy(() -> EncoderCheckpoint.read(dir.resolve("nothing"))).hasMessageContaining("not a checkpoint");
  }
}
