package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.nn.GradFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GradFunction} runs the gradient graph with SameDiff's array cache on, so intermediate arrays are handed
 * from op to op and from step to step. A wrongly released array would silently corrupt gradients; this compares
 * every gradient, over repeated and alternating batches, with SameDiff's own cache-free computation, bit for bit,
 * and checks that earlier results are not overwritten by later runs.
 */
class GradFunctionReuseTest {
  private static Map<String, INDArray> feed(BertGraph g, long seed, int[] labels) {
    Map<String, INDArray> f = new HashMap<>(g.feedTokens(TinyEncoders.batch(seed)));
    f.put(LossInputs.LABELS, TinyEncoders.oneHot(DataType.FLOAT, labels));
    f.put(LossInputs.FORGET_MASK, Nd4j.zeros(DataType.FLOAT, 3));
    f.put(LossInputs.RETAIN_MASK, Nd4j.ones(DataType.FLOAT, 3));
    f.put(LossInputs.FIRST_VIEW, Nd4j.ones(DataType.FLOAT, 3));
    return f;
  }

  @Test
  void cachedGradientsEqualSameDiffsOwnOverRepeatedSteps() {
    BertClassifier m = TinyEncoders.classifier(DataType.FLOAT, EncoderArgs.Pooling.MEAN, 0.0, 3);
    BertGraph g = (BertGraph) m.graph(true, 1);
    Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain())).build(LossInputs.create(g, 3));
    g.sd().setLossVariables(Objective.LOSS);
    List<GatheredTable> tables = g.gatheredTables();
    GradFunction gf = GradFunction.create(g.sd(), tables.stream().map(GatheredTable::input).toArray(String[]::new));
    List<String> wanted = new ArrayList<>(g.trainableVariables());
    tables.forEach(t -> wanted.add(t.input()));
    List<Map<String, INDArray>> feeds = List.of(feed(g, 5, new int[] {2, 0, 1}), feed(g, 6, new int[] {0, 1, 2}));

    List<OutAndGrad> first = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int run = i;
      Map<String, INDArray> f = feeds.get(run % 2);
      OutAndGrad ours = gf.run(f, List.of(Objective.LOSS), wanted);
      OutAndGrad ref = g.sd().calculateGradientsAndOutputs(f, List.of(Objective.LOSS), wanted);
      assertThat(ours.getGradients().keySet()).containsExactlyInAnyOrderElementsOf(ref.getGradients().keySet());
      assertThat(ours.getGradients()).hasSizeGreaterThan(20);
      ref.getGradients().forEach((v, r) -> assertThat(ours.getGradients().get(v)).as("run %d, %s", run, v)
          .isEqualTo(r));
      assertThat(ours.getOutputs().get(Objective.LOSS)).isEqualTo(ref.getOutputs().get(Objective.LOSS));
      if (run < 2) {
        first.add(copy(ours));
      } else if (run >= 4) {
        // same batch, same weights: the same numbers as the first time
        first.get(run % 2).getGradients().forEach((v, r) -> assertThat(ours.getGradients().get(v)).isEqualTo(r));
      }
    }
  }

  private static OutAndGrad copy(OutAndGrad og) {
    Map<String, INDArray> grads = new HashMap<>();
    og.getGradients().forEach((k, v) -> grads.put(k, v.dup()));
    return new OutAndGrad(Map.of(), grads);
  }
}
