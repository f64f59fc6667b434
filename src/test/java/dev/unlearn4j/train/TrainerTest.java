package dev.unlearn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.builtin.SyntheticBlobs;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.mlp.Mlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {
  private final Dataset data = new SyntheticBlobs(SyntheticBlobs.Args.defaults()).load();
  private final Objective ce = Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain()));

  private Model model() {
    return Mlp.factory(Mlp.Args.defaults()).create(data, 5);
  }

  @Test
  void trainingLowersTheLossAndUpdatesTheModel() {
    Model m = model();
    INDArray w0 = m.weights().get("w1").dup();
    List<Double> losses = new ArrayList<>();
    TrainingListener record = new TrainingListener() {
      @Override public void onStep(TrainerState s) {
        losses.add(s.loss());
      }
    };
    TrainSpec spec = TrainSpec.defaults().with(5, 30, 0.02);
    TrainerState end = new Trainer(List.of(record)).fit("t", m, ce, BatchPlan.retainOnly(30), spec,
        List.of(), data.examples(), 1);
    assertThat(end.step()).isEqualTo(50).isEqualTo(losses.size());
    double first = losses.subList(0, 5).stream().mapToDouble(d -> d).average().orElseThrow();
    double last = losses.subList(45, 50).stream().mapToDouble(d -> d).average().orElseThrow();
    assertThat(last).isLessThan(0.6 * first);
    assertThat(m.weights().get("w1").equalsWithEps(w0, 1e-6)).isFalse();
  }

  @Test
  void sameSeedGivesIdenticalWeights() {
    Model a = model();
    Model b = model();
    TrainSpec spec = TrainSpec.defaults().with(2, 16, 0.01);
    new Trainer(List.of()).fit("t", a, ce, BatchPlan.retainOnly(16), spec, List.of(), data.examples(), 9);
    new Trainer(List.of()).fit("t", b, ce, BatchPlan.retainOnly(16), spec, List.of(), data.examples(), 9);
    for (String k : a.weights().keySet()) {
      assertThat(a.weights().get(k)).isEqualTo(b.weights().get(k));
    }
  }

  @Test
  void nonFiniteLossStopsWithTheStepAndLeavesTheModelUntouched() {
    Model m = model();
    Map<String, INDArray> before = Map.of("w1", m.weights().get("w1").dup());
    Objective nan = Objective.of(new Objective.Term("bad", 1.0,
        in -> in.sd().math.log(in.logits().sum().mul(0.0).sub(1.0))));   // log(−1) = NaN
    assertThatThrownBy(() -> new Trainer(List.of()).fit("unlearn", m, nan, BatchPlan.retainOnly(8),
        TrainSpec.defaults(), List.of(), data.examples(), 1))
        .isInstanceOf(DivergenceException.class)
        .hasMessageContaining("phase 'unlearn' at step 1");
    assertThat(m.weights().get("w1")).isEqualTo(before.get("w1"));
  }

  @Test
  void maxStepsCapsThePhase() {
    TrainSpec spec = new TrainSpec(10, 8, 0.01, TrainSpec.Optimizer.SGD, 0.9, 0.0, 1.0, 3);
    TrainerState s = new Trainer(List.of()).fit("t", model(), ce, BatchPlan.retainOnly(8), spec, List.of(),
        data.examples(), 1);
    assertThat(s.step()).isEqualTo(3);
  }

  @Test
  void clippingScalesTheGlobalNorm() {
    Map<String, INDArray> g = new java.util.HashMap<>();
    g.put("a", Nd4j.createFromArray(3.0f, 0f));
    g.put("b", Nd4j.createFromArray(4.0f));
    double norm = GradientClipping.globalNorm(g);
    assertThat(norm).isCloseTo(5.0, within(1e-6));
    GradientClipping.scaleTo(g, norm, 1.0);
    assertThat(GradientClipping.globalNorm(g)).isCloseTo(1.0, within(1e-6));
    assertThat(g.get("a").getDouble(0)).isCloseTo(0.6, within(1e-6));
  }
}
