package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.testing.GradReuse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The encoder's gradients with array reuse equal SameDiff's own, over repeated steps ({@link GradReuse}). */
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
    BertClassifier m = TinyEncoders.classifier(DataType.FLOAT, EncoderArgs.Pooling.MEAN, 0.1, 3);
    BertGraph g = (BertGraph) m.graph(true, 1);
    Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain())).build(g.lossInputs(3));
    g.sd().setLossVariables(Objective.LOSS);
    List<GatheredTable> tables = g.gatheredTables();
    GradFunction gf = GradFunction.create(g.sd(), tables.stream().map(GatheredTable::input).toArray(String[]::new));
    List<String> wanted = new ArrayList<>(g.trainableVariables());
    tables.forEach(t -> wanted.add(t.input()));
    int compared = GradReuse.assertMatchesSameDiff(g.sd(), gf,
        List.of(feed(g, 5, new int[] {2, 0, 1}), feed(g, 6, new int[] {0, 1, 2})), List.of(Objective.LOSS), wanted);
    assertThat(compared).isEqualTo(wanted.size());
  }
}
