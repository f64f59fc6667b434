package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.testing.GradReuse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The causal LM's gradients (tied embedding, local and global attention, negated and plain cross-entropy) with
 * array reuse equal SameDiff's own over repeated steps ({@link GradReuse}).
 */
class CausalGradReuseTest {
  @Test
  void cachedGradientsEqualSameDiffsOwnOverRepeatedSteps() {
    GptConfig c = new GptConfig(GptConfig.NEO, 12, 8, 4, 2, 8, 1e-5, List.of("global", "local"), 2);
    CausalLm lm = new CausalLm(c, GptWeights.random(c, 2, DataType.FLOAT));
    CausalGraph g = (CausalGraph) lm.graph(true, 0);
    Objective.of(new Objective.Term("lm", 1.0, CrossEntropy.onRetain()),
        new Objective.Term("ga", -1.0, CrossEntropy.onForget())).build(g.lossInputs(12));
    g.sd().setLossVariables(Objective.LOSS);
    GradFunction gf = GradFunction.create(g.sd(), GptDecoder.TOK_ROWS, GptDecoder.POS_ROWS);
    List<String> wanted = new ArrayList<>(g.trainableVariables());
    wanted.add(GptDecoder.TOK_ROWS);
    List<Map<String, INDArray>> feeds = List.of(
        feed(g, new Batch(List.of(Example.ofTokens("f", new int[] {1, 5, 7, 5, 2})),
            List.of(Example.ofTokens("r", new int[] {3, 3, 9, 11, 0})))),
        feed(g, new Batch(List.of(Example.ofTokens("f", new int[] {4, 4, 2, 8, 6})),
            List.of(Example.ofTokens("r", new int[] {10, 1, 1, 7, 9})))));
    List<String> outputs = List.of(Objective.LOSS, "term_lm", "term_ga");
    int compared = GradReuse.assertMatchesSameDiff(g.sd(), gf, feeds, outputs, wanted);
    assertThat(compared).isGreaterThan(10);
  }

  private static Map<String, INDArray> feed(CausalGraph g, Batch b) {
    Map<String, INDArray> f = new HashMap<>(g.feed(b.examples()));
    f.putAll(g.lossFeed(b, 12));
    return f;
  }
}
