package dev.unlearn4j.method.generative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.data.Example;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refinement rule on a hand-built sequence of checks. */
class RefinementTest {
  private final Refinement r = new Refinement(Refinement.Thresholds.defaults(), List.of("a", "b", "c"));

  @Test
  void aPassageLeavesWhenEitherScoreFallsAndReentersWhenBothRise() {
    Example a = Example.ofTokens("a", new int[] {1, 2});
    assertThat(r.keep(a)).isTrue();
    r.update(Map.of("a", new Refinement.Scores(0.29, 0.5),        // F1 below 0.3: forgotten
        "b", new Refinement.Scores(0.8, 0.009),                       // BLEU below 0.01: forgotten
        "c", new Refinement.Scores(0.3, 0.01)));                      // both at the thresholds: still memorised
    assertThat(r.keep(a)).isFalse();
    assertThat(r.flagged("b")).isFalse();
    assertThat(r.flagged("c")).isTrue();
    assertThat(r.flaggedCount()).isEqualTo(1);
    r.update(Map.of("a", new Refinement.Scores(0.31, 0.02), "b", new Refinement.Scores(0.1, 0.0),
        "c", new Refinement.Scores(0.1, 0.0)));                       // a memorised again: it re-enters
    assertThat(r.keep(a)).isTrue();
    assertThat(r.flagged("c")).isFalse();
    assertThat(r.flaggedCount()).isEqualTo(1);
  }
}
