package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.eval.RelearnSpec;
import dev.unlearn4j.pretrain.PassagePool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which passages the sequence relearning attack trains on and which it measures. */
class SequenceRelearnTest {
  private static List<PassagePool.Passage> passages(String kind, int n) {
    return IntStream.range(0, n).mapToObj(i -> new PassagePool.Passage(kind + i, kind, 0, i,
            new int[] {kind.charAt(0) * 100 + i, i}))
        .toList();
  }

  @Test
  void forgetHalfAttacksOneHalfMeasuresTheOtherAndTheBaselineDoesTheSameOnUnseenPassages() {
    List<PassagePool.Passage> forget = passages("f", 7);
    List<PassagePool.Passage> unseen = passages("u", 6);
    SequenceRelearn.Data d = SequenceRelearn.data(new RelearnSpec(3, 1e-3, 2, null), forget, passages("c", 7),
        unseen, List.of(), 11);
    assertThat(d.attack()).hasSize(4);
    assertThat(d.heldOut()).hasSize(3);
    List<int[]> all = new ArrayList<>(d.attack());
    all.addAll(d.heldOut());
    assertThat(all).containsExactlyInAnyOrderElementsOf(forget.stream().map(PassagePool.Passage::tokens).toList());
    assertThat(d.attack()).doesNotContainAnyElementsOf(d.heldOut());
    assertThat(d.baselineAttack()).hasSize(3).doesNotContainAnyElementsOf(d.baselineHeldOut());
    assertThat(d.baselineHeldOut()).hasSize(3)
        .allMatch(t -> unseen.stream().anyMatch(u -> u.tokens() == t));
    // the split is the seed's, whatever order the passages come in
    List<PassagePool.Passage> reversed = new ArrayList<>(forget);
    Collections.reverse(reversed);
    SequenceRelearn.Data again = SequenceRelearn.data(new RelearnSpec(3, 1e-3, 2, null), reversed,
        passages("c", 7), unseen, List.of(), 11);
    assertThat(again.heldOut()).containsExactlyElementsOf(d.heldOut());
    SequenceRelearn.Data other = SequenceRelearn.data(new RelearnSpec(3, 1e-3, 2, null), forget, passages("c", 7),
        unseen, List.of(), 12);
    assertThat(other.heldOut()).isNotEqualTo(d.heldOut());
  }

  @Test
  void relatedAttacksWithNoForgetPassageOnlyTheDistinctAnalogues() {
    List<PassagePool.Passage> forget = passages("f", 4);
    List<PassagePool.Passage> cand = passages("c", 3);
    List<PassagePool.Passage> analogues = List.of(cand.get(0), cand.get(2), cand.get(0), cand.get(1));
    List<PassagePool.Passage> unseenNearest = List.of(cand.get(1), cand.get(1));
    SequenceRelearn.Data d = SequenceRelearn.data(new RelearnSpec(3, 1e-3, 2, "related"), forget, analogues,
        passages("u", 2), unseenNearest, 11);
    assertThat(d.attack()).containsExactly(cand.get(0).tokens(), cand.get(2).tokens(), cand.get(1).tokens());
    assertThat(d.attack()).doesNotContainAnyElementsOf(forget.stream().map(PassagePool.Passage::tokens).toList());
    assertThat(d.heldOut()).hasSize(2);                           // measured on the same half as forget-half
    assertThat(d.baselineAttack()).containsExactly(cand.get(1).tokens());
    assertThatThrownBy(() -> new RelearnSpec(3, 1e-3, 2, "retain")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("eval.relearn.data");
  }
}
