package dev.unlearn4j.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.catalog.Methods;
import dev.unlearn4j.config.ComponentSpec;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.builtin.SyntheticBlobs;
import dev.unlearn4j.method.generative.SequenceMethod;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.model.causal.GptWeights;
import dev.unlearn4j.model.mlp.Mlp;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Micro-batches change memory, not the update: for every registered method whose loss terms average over examples,
 * the gradients of one step with micro-batches of 1 and 2 equal those of the whole batch (within 1e-5), on a tiny
 * GPT-Neo (sequence methods, with the frozen original as their reference) or an MLP (classifier methods). A method
 * whose loss relates the rows of a batch to each other (DeepCUT's contrastive term) refuses micro-batches.
 */
class MicroBatchGradientTest {
  private static final GptConfig C = new GptConfig(GptConfig.NEO, 40, 16, 16, 2, 64, 1e-5,
      List.of("global", "local"), 8);

  static Stream<String> methods() {
    return Methods.REGISTRY.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void microBatchGradientsEqualTheWholeBatch(String name) {
    UnlearningMethod m = Methods.REGISTRY.resolve(new ComponentSpec(name, null), "method").component();
    boolean lm = m instanceof SequenceMethod;
    Model original = lm ? new CausalLm(C, GptWeights.random(C, 4, DataType.FLOAT))
        : Mlp.factory(Mlp.Args.defaults()).create(blobs(), 5);
    TrainSpec spec = m.schedule(TrainSpec.defaults());
    Batch batch = lm ? sequenceBatch(m.plan(spec)) : classifierBatch(original.numClasses());
    if (!m.objective(original).coupledTerms().isEmpty()) {
      assertThatThrownBy(() -> step(m, original, spec.withMicroBatch(1)))
          .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be cut");
      return;
    }
    Map<String, INDArray> whole = step(m, original, spec.withMicroBatch(0)).gradients(batch);
    assertThat(whole).isNotEmpty();
    for (int micro : new int[] {1, 2}) {
      assertThat(batch.split(micro)).as("the batch is cut").hasSizeGreaterThan(1);
      Map<String, INDArray> parts = step(m, original, spec.withMicroBatch(micro)).gradients(batch);
      assertThat(parts.keySet()).isEqualTo(whole.keySet());
      double largest = 0;
      for (String k : whole.keySet()) {
        largest = Math.max(largest, whole.get(k).sub(parts.get(k)).amaxNumber().doubleValue());
      }
      double scale = whole.values().stream().mapToDouble(g -> g.amaxNumber().doubleValue()).max().orElseThrow();
      assertThat(scale).as("a gradient to compare").isGreaterThan(1e-3);
      assertThat(largest).as("micro-batch %d vs whole batch", micro).isLessThan(1e-5);
    }
  }

  private static TrainStep step(UnlearningMethod m, Model original, TrainSpec spec) {
    Model trained = original.copy();
    return new TrainStep(trained.graph(true, 3), trained.numClasses(), m.objective(original), spec);
  }

  /** 4 forget passages with their 4 analogues (paired methods) or alone (forget-only methods such as KUMPR). */
  private static Batch sequenceBatch(BatchPlan plan) {
    Random r = new Random(12);
    List<Example> forget = new ArrayList<>();
    List<Example> analogues = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int[] seq = r.ints(12, 1, 40).toArray();
      (i < 4 ? forget : analogues).add(Example.ofTokens((i < 4 ? "f" : "a") + i, seq));
    }
    return new Batch(forget, plan.driver() == BatchPlan.Driver.PAIRED ? analogues : List.of());
  }

  /** 3 forget and 5 retain examples: micro-batches of 1 and 2 hold different shares of each. */
  private static Batch classifierBatch(int classes) {
    List<Example> all = blobs().examples();
    return new Batch(all.subList(0, 3), all.subList(3, 8));
  }

  private static Dataset blobs() {
    return new SyntheticBlobs(SyntheticBlobs.Args.defaults()).load();
  }
}
