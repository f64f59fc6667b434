package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.model.TextTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {
  @TempDir Path dir;

  private static final List<String> CORPUS = List.of(
      "Fellow-Citizens of the Senate and House of Representatives: the state of the Union is strong.",
      "The Congress and the people of the United States will meet the challenges of the year 1862.",
      "It's the duty of the Government to protect the people, and we'll not fail in it!");

  @Test
  void trainedTokenizerLoadsInDjlAndRoundTripsText() {
    BpeTrainer.Result r = BpeTrainer.train(CORPUS, 300);
    assertThat(r.vocab()).hasSize(300);
    assertThat(r.vocab().get(BpeTrainer.EOS)).isZero();
    assertThat(r.merges()).hasSize(300 - 257);
    assertThat(r.merges().get(0)).containsExactly("h", "e");       // "the" dominates the corpus
    Path file = dir.resolve("tokenizer.json");
    BpeTrainer.write(r, file);
    try (TextTokenizer t = TextTokenizer.load(file, 512)) {
      for (String s : List.of(CORPUS.get(0), "Unseen words like Zyxwv, déjà vu and 42 still encode.")) {
        long[] ids = t.ids(s);
        assertThat(java.util.Arrays.stream(ids).allMatch(id -> id >= 0 && id < 300)).isTrue();
        assertThat(t.decode(ids)).isEqualTo(s);
      }
      // learned merges shorten frequent text: fewer tokens than bytes
      assertThat(t.ids(CORPUS.get(1)).length).isLessThan(CORPUS.get(1).length() * 2 / 3);
    }
  }

  @Test
  void trainingIsDeterministic() {
    assertThat(BpeTrainer.train(CORPUS, 280).vocab()).isEqualTo(BpeTrainer.train(CORPUS, 280).vocab());
  }
}
