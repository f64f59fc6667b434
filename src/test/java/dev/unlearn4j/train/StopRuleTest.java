package dev.unlearn4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.builtin.SyntheticBlobs;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.mlp.Mlp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stopping rule ends the phase at the epoch or step its test first fires, and says why. */
class StopRuleTest {
  private final Dataset data = new SyntheticBlobs(SyntheticBlobs.Args.defaults()).load();
  private final Objective ce = Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain()));
  private final TrainSpec spec = TrainSpec.defaults().with(5, 30, 0.02);   // 10 steps per epoch, 5 epochs

  private TrainerState fit(StopRule rule) {
    return new Trainer(List.of(rule)).fit("t", Mlp.factory(Mlp.Args.defaults()).create(data, 5), ce,
        BatchPlan.retainOnly(30), spec, List.of(), data.examples(), 1);
  }

  @Test
  void afterEpochsStopsAtTheFirstEpochItFires() {
    List<Integer> tested = new ArrayList<>();
    StopRule rule = StopRule.afterEpochs(s -> {
      tested.add(s.epoch());
      return s.epoch() == 2 ? "enough" : null;
    });
    TrainerState end = fit(rule);
    assertThat(tested).containsExactly(1, 2);
    assertThat(end.epoch()).isEqualTo(2);
    assertThat(end.step()).isEqualTo(20);
    assertThat(rule.reason()).contains("enough");
  }

  @Test
  void everyStepsTestsBetweenStepsOnly() {
    List<Integer> tested = new ArrayList<>();
    StopRule rule = StopRule.everySteps(3, s -> {
      tested.add(s.step());
      return s.step() == 12 ? "target" : null;
    });
    TrainerState end = fit(rule);
    assertThat(tested).containsExactly(3, 6, 9, 12);
    assertThat(end.step()).isEqualTo(12);
    assertThat(rule.reason()).contains("target");
  }

  @Test
  void aRuleThatNeverFiresLeavesThePhaseToItsEpochs() {
    StopRule rule = StopRule.afterEpochs(s -> null);
    assertThat(fit(rule).step()).isEqualTo(50);
    assertThat(rule.reason()).isEmpty();
  }
}
