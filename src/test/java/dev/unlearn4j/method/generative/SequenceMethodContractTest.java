package dev.unlearn4j.method.generative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.catalog.Methods;
import dev.unlearn4j.config.ComponentSpec;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.model.causal.GptWeights;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every registered sequence method, trained through the shared Trainer on a tiny language model that has learnt 4
 * forget passages and their 4 analogues: the loss stays finite, the forget passages' cross-entropy rises (on
 * passages the model has not learnt, methods without ascent such as PO may lower it), the same seed gives the
 * same weights, and the original model is left as it was.
 */
class SequenceMethodContractTest {
  private static final GptConfig C = new GptConfig(GptConfig.NEO, 40, 16, 16, 2, 64, 1e-5,
      List.of("global", "local"), 8);
  private static final List<Example> FORGET = new ArrayList<>();
  private static final List<Example> ANALOGUES = new ArrayList<>();
  private static CausalLm original;

  static Stream<String> methods() {
    return Methods.REGISTRY.names().stream().filter(Methods::forSequences);
  }

  @BeforeAll
  static void learnThePassages() {
    Random r = new Random(12);
    for (int i = 0; i < 8; i++) {
      int[] seq = new int[12];
      for (int j = 0; j < seq.length; j++) {
        seq[j] = 1 + r.nextInt(39);
      }
      (i < 4 ? FORGET : ANALOGUES).add(Example.ofTokens((i < 4 ? "f" : "a") + i, seq));
    }
    original = new CausalLm(C, GptWeights.random(C, 4, DataType.FLOAT));
    List<Example> all = new ArrayList<>(FORGET);
    all.addAll(ANALOGUES);
    new Trainer(List.of()).fit("pretrain", original, Objective.of(new Objective.Term("lm", 1.0,
        CrossEntropy.onRetain())), BatchPlan.retainOnly(8), new TrainSpec(60, 8, 1e-2, TrainSpec.Optimizer.ADAM, 0.9,
        0.0, 1.0, 0), List.of(), all, 2);
  }

  private static CausalLm unlearn(String name) throws Exception {
    SequenceMethod m = (SequenceMethod) Methods.REGISTRY.resolve(new ComponentSpec(name, Mappers.YAML.readTree(
        "train: {epochs: 3, batchSize: 2, learningRate: 0.003}")), "method").component();
    CausalLm lm = (CausalLm) original.copy();
    TrainSpec s = m.schedule(null);
    new Trainer(List.of()).fit("unlearn", lm, m.objective(original), m.plan(s), s, FORGET, ANALOGUES, 7);
    return lm;
  }

  private static double forgetLoss(CausalLm lm) {
    return PassageScorer.mean(PassageScorer.losses(lm, FORGET.stream().map(Example::tokens).toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void everySequenceMethodIsFiniteDirectedAndDeterministic(String name) throws Exception {
    double before = forgetLoss(original);
    assertThat(before).as("the passages were learnt").isLessThan(1.5);
    java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> kept = new java.util.HashMap<>();
    original.weights().forEach((k, v) -> kept.put(k, v.dup()));
    CausalLm a = unlearn(name);
    CausalLm b = unlearn(name);
    original.weights().forEach((k, v) -> assertThat(v).as("original " + k).isEqualTo(kept.get(k)));
    double after = forgetLoss(a);
    assertThat(after).as(name).isFinite().isGreaterThan(before + 0.05);
    a.weights().forEach((k, v) -> assertThat(v).as(name + " " + k).isEqualTo(b.weights().get(k)));
  }
}
