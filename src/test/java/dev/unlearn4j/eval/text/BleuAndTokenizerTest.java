package dev.unlearn4j.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers from the metrics spec, §4 (tokenisation table and Example 5). */
class BleuAndTokenizerTest {
  @Test
  void wordTokenizerFollowsTheTreebankRules() {
    assertThat(WordTokenizer.tokenize("hello, world!")).containsExactly("hello", ",", "world", "!");
    assertThat(WordTokenizer.tokenize("don't stop.")).containsExactly("do", "n't", "stop", ".");
    assertThat(WordTokenizer.tokenize("he said \"yes\" (twice)."))
        .containsExactly("he", "said", "``", "yes", "''", "(", "twice", ")", ".");
    assertThat(WordTokenizer.tokenize("it costs $3.50; ok?"))
        .containsExactly("it", "costs", "$", "3.50", ";", "ok", "?");
    assertThat(WordTokenizer.tokenize("the end<|endoftext|>"))
        .containsExactly("the", "end", "<", "|endoftext|", ">");
    assertThat(WordTokenizer.tokenize("i cannot go -- it's 1,000 miles..."))
        .containsExactly("i", "can", "not", "go", "--", "it", "'s", "1,000", "miles", "...");
  }

  @Test
  void sentencesSplitAfterFinalPunctuationButNotInsideAbbreviations() {
    assertThat(WordTokenizer.tokenize("we won. the u.s. lost!"))
        .containsExactly("we", "won", ".", "the", "u.s.", "lost", "!");
    assertThat(WordTokenizer.tokenize("")).isEmpty();
  }

  private static double bleu(String ref, String cand) {
    return Bleu.sentenceBleu(words(ref), words(cand));
  }

  private static List<String> words(String s) {
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
  }

  @Test
  void bleuMatchesNltkOnTheSpecExamples() {
    assertThat(bleu("the cat sat on the mat", "the cat is on the mat"))
        .isCloseTo(7.262123179505913e-78, within(1e-90));
    assertThat(bleu("the cat sat on the mat today", "the cat sat on the mat"))
        .isCloseTo(0.846481724890614, within(1e-9));
    assertThat(bleu("the cat sat on the mat", "the cat sat on the red mat"))
        .isCloseTo(0.643458884160762, within(1e-9));
    assertThat(bleu("a b c d e f g h", "a b c d x y z w")).isCloseTo(0.345720784641941, within(1e-9));
    assertThat(bleu("one two three", "four five six")).isZero();
    assertThat(bleu("the cat sat on the mat", "")).isZero();
  }

  @Test
  void bleuOfIdenticalTextsIsOne() {
    assertThat(Bleu.ofTexts("The cat sat on the mat, again.", "the cat sat on the mat, again."))
        .isCloseTo(1.0, within(1e-12));
  }
}
