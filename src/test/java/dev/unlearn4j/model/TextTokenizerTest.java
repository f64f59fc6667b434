package dev.unlearn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {
  private static final Path FILE = EmbeddedModels.resolve(EmbeddedModels.MINILM).tokenizer();

  @Test
  void idsEqualTheReferenceIdsOfTheTokenizerFile() {
    try (TextTokenizer t = TextTokenizer.load(FILE, 128)) {
      // [CLS] hello world , un ##lea ##rn ##ing ! [SEP]
      assertThat(t.ids("Hello world, unlearning!"))
          .containsExactly(101, 7592, 2088, 1010, 4895, 19738, 6826, 2075, 999, 102);
      assertThat(t.decode(t.ids("Hello world, unlearning!"))).isEqualTo("hello world, unlearning!");
    }
  }

  @Test
  void maxLengthTruncatesAndBatchesPadToTheirLongestMember() {
    try (TextTokenizer t = TextTokenizer.load(FILE, 6)) {
      assertThat(t.ids("Hello world, unlearning!")).containsExactly(101, 7592, 2088, 1010, 4895, 102);
      TextTokenizer.Batch b = t.encode(List.of("hello", "hello world , unlearning"));
      assertThat(b.length()).isEqualTo(6);
      assertThat(b.ids()[0]).containsExactly(101, 7592, 102, 0, 0, 0);
      assertThat(b.mask()[0]).containsExactly(1, 1, 1, 0, 0, 0);
      assertThat(b.mask()[1]).containsExactly(1, 1, 1, 1, 1, 1);
    }
    try (TextTokenizer t = TextTokenizer.load(FILE, 128)) {
      assertThat(t.encode(List.of("a b", "a")).length()).isEqualTo(4);   // not the file's fixed 128
    }
  }

  @Test
  void missingOrBrokenTokenizerFileFailsClearly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> TextTokenizer.load(dir.resolve("none.json"), 8))
        .hasMessageContaining("tokenizer file not found");
    Path bad = java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"not\": \"a tokenizer\"}");
    assertThatThrownBy(() -> TextTokenizer.load(bad, 8)).hasMessageContaining("not a readable tokenizer.json");
  }
}
