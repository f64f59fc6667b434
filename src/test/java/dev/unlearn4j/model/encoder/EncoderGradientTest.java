package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.testing.GradCheck;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks, in double precision, of the whole tiny encoder (embedding LayerNorm, attention with a
 * padding mask and softmax, erf-GELU FFN, post-LN, pooling, head, cross-entropy) and of the gathered-embedding
 * gradients that are scattered back outside the graph.
 */
class EncoderGradientTest {
  private static Map<String, INDArray> feed(BertGraph g) {
    Map<String, INDArray> f = new HashMap<>(g.feedTokens(TinyEncoders.batch(5)));
    f.put(LossInputs.LABELS, TinyEncoders.oneHot(DataType.DOUBLE, 2, 0, 1));
    f.put(LossInputs.FORGET_MASK, Nd4j.zeros(DataType.DOUBLE, 3));
    f.put(LossInputs.RETAIN_MASK, Nd4j.ones(DataType.DOUBLE, 3));
    f.put(LossInputs.FIRST_VIEW, Nd4j.ones(DataType.DOUBLE, 3));
    return f;
  }

  private static BertGraph graphWithLoss(EncoderArgs.Pooling pooling) {
    BertClassifier m = TinyEncoders.classifier(DataType.DOUBLE, pooling, 0.0, 3);
    BertGraph g = (BertGraph) m.graph(true, 1);
    Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain())).build(g.lossInputs(3));
    return g;
  }

  @ParameterizedTest
  @EnumSource(EncoderArgs.Pooling.class)
  void everyGraphWeightGradientMatchesFiniteDifferences(EncoderArgs.Pooling pooling) {
    BertGraph g = graphWithLoss(pooling);
    assertThat(g.trainableVariables()).hasSize(BertWeights.names(TinyEncoders.CONFIG).size() - 3 + 2);
    GradCheck.Result r = GradCheck.check(g.sd(), feed(g), Objective.LOSS, g.trainableVariables(), 1e-6, 6, 17);
    assertThat(r.checked()).isGreaterThan(150);
    assertThat(r.maxRelativeError()).isLessThan(1e-5);
  }

  @Test
  void gatheredEmbeddingGradientsMatchFiniteDifferences() {
    BertGraph g = graphWithLoss(EncoderArgs.Pooling.MEAN);
    g.sd().setLossVariables(Objective.LOSS);
    List<GatheredTable> tables = g.gatheredTables();
    GradFunction gf = GradFunction.create(g.sd(), tables.stream().map(GatheredTable::input).toArray(String[]::new));
    assertThat(tables).extracting(GatheredTable::name).containsExactly(BertWeights.WORD, BertWeights.POSITION,
        BertWeights.TOKEN_TYPE);
    Map<String, INDArray> f = feed(g);
    // as the Trainer does: graph variables and the gathered inputs in one request
    List<String> wanted = new java.util.ArrayList<>(g.trainableVariables());
    tables.forEach(t -> wanted.add(t.input()));
    Map<String, INDArray> inputGrads = gf.gradients(f, wanted);
    double maxRel = 0;
    int checked = 0;
    for (GatheredTable t : tables) {
      INDArray analytic = t.gradient(inputGrads.get(t.input())).dup();
      INDArray table = t.table();
      for (long row = 0; row < Math.min(table.rows(), 8); row++) {
        for (long col = 0; col < table.columns(); col += 3) {
          double orig = table.getDouble(row, col);
          table.putScalar(new long[] {row, col}, orig + 1e-6);
          double up = GradCheck.value(g.sd(), feed(g), Objective.LOSS);
          table.putScalar(new long[] {row, col}, orig - 1e-6);
          double down = GradCheck.value(g.sd(), feed(g), Objective.LOSS);
          table.putScalar(new long[] {row, col}, orig);
          double numeric = (up - down) / 2e-6;
          double a = analytic.getDouble(row, col);
          double abs = Math.abs(a - numeric);
          maxRel = Math.max(maxRel, abs < 1e-9 ? 0 : abs / Math.max(Math.abs(a), Math.abs(numeric)));
          checked++;
        }
      }
      assertThat(analytic.amaxNumber().doubleValue()).as(t.name()).isGreaterThan(1e-6);
    }
    assertThat(checked).isGreaterThan(40);
    assertThat(maxRel).isLessThan(1e-5);
  }

  @Test
  void dropoutMasksAreSeededAndInvertedAndAbsentInEvaluation() {
    BertClassifier m = TinyEncoders.classifier(DataType.DOUBLE, EncoderArgs.Pooling.MEAN, 0.5, 3);
    INDArray a = logits((BertGraph) m.graph(true, 42));
    INDArray b = logits((BertGraph) m.graph(true, 42));
    INDArray c = logits((BertGraph) m.graph(true, 43));
    INDArray e1 = logits((BertGraph) m.graph());
    INDArray e2 = logits((BertGraph) m.graph());
    assertThat(a).isEqualTo(b);
    assertThat(a.equalsWithEps(c, 1e-9)).isFalse();
    assertThat(e1).isEqualTo(e2);
    assertThat(a.equalsWithEps(e1, 1e-9)).isFalse();
    // the masks carry the inverted-dropout scale: every entry 0 or 1/(1−p) = 2, about half kept, mean about 1
    BertGraph g = (BertGraph) m.graph(true, 7);
    INDArray mask = g.feedTokens(TinyEncoders.batch(5)).get("dropout/l0.attn_out");
    double[] values = mask.dup().data().asDouble();
    assertThat(Arrays.stream(values).allMatch(v -> v == 0.0 || v == 2.0)).isTrue();
    assertThat(mask.meanNumber().doubleValue()).isBetween(0.6, 1.4);
  }

  private static INDArray logits(BertGraph g) {
    return g.sd().output(g.feedTokens(TinyEncoders.batch(5)), "logits").get("logits");
  }
}
