package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.config.ComponentSpec;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.method.Methods;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sequence method, trained for a few steps on a tiny GPT-Neo with random passages: the loss stays finite,
 * the forget passages' likelihood falls, and two runs with one seed give identical weights.
 */
class SequenceMethodContractTest {
  @TempDir static Path dir;

  static Stream<String> methods() {
    return Methods.REGISTRY.names().stream().filter(Methods::forSequences);
  }

  @ParameterizedTest
  @MethodSource("methods")
  void finiteDirectedAndDeterministic(String name) {
    Path ckpt = dir.resolve("neo");
    if (!ckpt.resolve("config.json").toFile().exists()) {
      TinyCheckpoints.write(ckpt, true, 13);
    }
    CausalLm original = HfCheckpoint.load(ckpt);
    Random r = new Random(2);
    List<Example> forget = new ArrayList<>();
    List<Example> analogues = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      forget.add(Example.ofTokens("f" + i, random(r)));
      analogues.add(Example.ofTokens("a" + i, random(r)));
    }
    double before = nll(original, forget);
    CausalLm a = train(name, original, forget, analogues);
    CausalLm b = train(name, original, forget, analogues);
    assertThat(nll(a, forget)).as("%s raises the forget NLL", name).isGreaterThan(before);
    assertThat(a.weights().get("wte").equalsWithEps(b.weights().get("wte"), 0)).as("deterministic").isTrue();
    assertThat(original.weights().get("wte").equalsWithEps(HfCheckpoint.load(ckpt).weights().get("wte"), 0))
        .as("the original model is not modified").isTrue();
  }

  private static CausalLm train(String name, CausalLm original, List<Example> forget, List<Example> analogues) {
    var args = Mappers.YAML.createObjectNode();
    args.putObject("train").put("epochs", 3).put("batchSize", 2).put("learningRate", 0.01);
    UnlearningMethod m = Methods.REGISTRY.resolve(new ComponentSpec(name, args), "method").component();
    TrainSpec s = m.schedule(null);
    CausalLm model = (CausalLm) original.copy();
    TrainerState end = new Trainer(List.of()).fit("unlearn", model, m.objective(original), m.plan(s), s, forget,
        analogues, 7);
    assertThat(Double.isFinite(end.loss())).as("%s loss %s", name, end.loss()).isTrue();
    return model;
  }

  private static int[] random(Random r) {
    int[] x = new int[10];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(TinyCheckpoints.V);
    }
    return x;
  }

  private static double nll(CausalLm lm, List<Example> ex) {
    double[][] lp = lm.score(ex.stream().map(Example::tokens).toArray(int[][]::new)).logProbs();
    double s = 0;
    for (double[] row : lp) {
      for (double v : row) {
        s -= v;
      }
    }
    return s;
  }
}
