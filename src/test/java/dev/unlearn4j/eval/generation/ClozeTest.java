package dev.unlearn4j.eval.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClozeTest {
  private static int words(String s) {
    return s.isBlank() ? 0 : s.trim().split("\\s+").length;
  }

  @Test
  void itemsEndAtLongNonStopWordsAfterEnoughContext() {
    String text = "We met in Philadelphia. The union grew stronger. It came upon them. Peace returned at last! "
        + "He said \"liberty.\" Done";
    List<Cloze.Item> items = Cloze.items(List.of(text), ClozeTest::words, 3, 100, 1);
    assertThat(items).extracting(Cloze.Item::target)
        .containsExactlyInAnyOrder(" Philadelphia", " stronger", " last", " liberty");   // "them": stop; "Done": no end
    Cloze.Item first = items.stream().filter(i -> i.target().equals(" Philadelphia")).findFirst().orElseThrow();
    assertThat(first.context()).isEqualTo("We met in");
    // a minimum context of 4 words drops the first sentence's item
    assertThat(Cloze.items(List.of(text), ClozeTest::words, 4, 100, 1)).extracting(Cloze.Item::target)
        .doesNotContain(" Philadelphia");
    assertThat(Cloze.items(List.of(text), ClozeTest::words, 3, 2, 1)).hasSize(2);
  }

  @Test
  void correctOnAllTargetTokensOrOnEqualNormalisedStrings() {
    assertThat(Cloze.correct(new int[] {5, 6}, new int[] {5, 6}, " Union", " x")).isTrue();       // the spec example
    assertThat(Cloze.correct(new int[] {5, 6}, new int[] {5, 7}, " Union", " Unions")).isFalse();
    assertThat(Cloze.correct(new int[] {5, 6}, new int[] {5, 7}, " the Union", " union.")).isTrue();
    assertThat(Cloze.normalise("  The  Union, an Idea! ")).isEqualTo("union idea");
  }
}
