package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A fine-tuned head's classes (id2label: negative, neutral, positive) meet a dataset's by name, never by position. */
class HeadLabelsTest {
  @TempDir Path dir;

  private static final EncoderArgs ARGS = new EncoderArgs("x", null, 16, null, 0.0, 0, false);
  private static final List<Example> TEXTS = List.of(new Example("a", 0, "word3 word4 word5", null),
      new Example("b", 0, "word9 word2", null));

  private static INDArray logits(BertClassifier m) {
    ModelGraph g = m.graph();
    return g.sd().output(g.feed(TEXTS), g.logits().name()).get(g.logits().name());   // [2, 3]
  }

  @Test
  void theHeadIsReorderedToTheDatasetsClassOrder() throws Exception {
    TinyHfEncoders.write(dir, "roberta", "F32", true, 3);
    EncoderBundle b = EncoderBundle.open(dir.toString(), null);
    INDArray asStored = logits(b.classifier(ARGS, 3, 0, null));
    BertClassifier same = b.classifier(ARGS, 3, 0, List.of("negative", "neutral", "positive"));
    assertThat(logits(same)).isEqualTo(asStored);

    List<String> sorted = List.of("positive", "negative", "neutral");   // another order, as a dataset might have
    BertClassifier m = b.classifier(ARGS, 3, 0, sorted);
    assertThat(m.source().labels()).isEqualTo(sorted);
    INDArray z = logits(m);
    int[] headColumn = {2, 0, 1};
    for (int j = 0; j < 3; j++) {
      assertThat(z.getColumn(j)).as(sorted.get(j)).isEqualTo(asStored.getColumn(headColumn[j]));
    }
    // the bundle's own weights are untouched: a second classifier starts from the stored order again
    assertThat(logits(b.classifier(ARGS, 3, 0, null))).isEqualTo(asStored);
  }

  @Test
  void otherClassNamesAreRefusedAndGenericOnesTakenByPosition() throws Exception {
    TinyHfEncoders.write(dir, "bert", "F32", true, 3);
    EncoderBundle b = EncoderBundle.open(dir.toString(), null);
    assertThatThrownBy(() -> b.classifier(ARGS, 3, 0, List.of("ham", "negative", "spam")))
        .isInstanceOf(UnlearnException.class)
        .hasMessageEndingWith(": its head's classes [negative, neutral, positive] are not the dataset's [ham, "
            + "negative, spam]; name the dataset's labels as the head's (id2label in config.json)");
    EncoderSource generic = b.source().withLabels(List.of("LABEL_0", "LABEL_1", "LABEL_2"));
    EncoderBundle g = new EncoderBundle(b.config(), b.weights(), b.tokenizerFile(), generic, 3, b.pooling());
    BertClassifier m = g.classifier(ARGS, 3, 0, List.of("a", "b", "c"));
    assertThat(m.source().labels()).containsExactly("a", "b", "c");
    assertThat(logits(m)).isEqualTo(logits(b.classifier(ARGS, 3, 0, null)));
  }
}
