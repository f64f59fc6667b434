package dev.unlearn4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.EmbeddedModels;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The SameDiff BERT against onnxruntime on the real all-MiniLM-L6-v2 export, before and after training. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiniLmParityTest {
  @TempDir static Path dir;
  private EncoderBundle bundle;
  private Path onnx;

  @BeforeAll
  void load() {
    bundle = EncoderBundle.open(EmbeddedModels.MINILM, null);
    onnx = EmbeddedModels.resolve(EmbeddedModels.MINILM).onnx();
  }

  @Test
  void importReadsTheArchitectureFromTheGraph() {
    assertThat(bundle.config()).isEqualTo(new BertConfig(30522, 384, 6, 12, 1536, 512, 2, (float) 1e-12));
    assertThat(bundle.config().parameters()).isEqualTo(22_565_376L);
    assertThat(bundle.origin().onnxNames()).hasSize(101);
    assertThat(bundle.origin().onnxNames().get("encoder.layer.0.attention.self.query.weight"))
        .startsWith("onnx::MatMul_");
  }

  @Test
  void forwardMatchesOnnxRuntimeOnRandomPaddedBatches() {
    BertClassifier m = bundle.classifier(EncoderArgs.defaults(), 2, 0);
    assertThat(EncoderParity.maxAbsDiff(m, onnx, 3, 4, 40, 11L)).isLessThanOrEqualTo(1e-4);
    assertThat(EncoderParity.maxAbsDiff(m, onnx, 1, 8, 64, 12L)).isLessThanOrEqualTo(1e-4);
  }

  @Test
  void everyWeightReceivesANonZeroGradient() {
    BertClassifier m = bundle.classifier(EncoderArgs.defaults(), 2, 0);
    BertGraph g = (BertGraph) m.graph(true, 3);
    Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain())).build(g.lossInputs(2));
    g.sd().setLossVariables(Objective.LOSS);
    List<GatheredTable> tables = g.gatheredTables();
    GradFunction gf = GradFunction.create(g.sd(), tables.stream().map(GatheredTable::input).toArray(String[]::new));
    List<Example> batch = List.of(new Example("a", 0, "The cat sat on the mat.", null),
        new Example("b", 1, "Stocks fell sharply after the announcement of new tariffs.", null));
    var dataBatch = new dev.unlearn4j.data.Batch(List.of(), batch);
    Map<String, INDArray> feed = new HashMap<>(g.feed(batch));
    feed.putAll(LossInputs.feed(dataBatch, 2));
    List<String> wanted = new ArrayList<>(g.trainableVariables());
    tables.forEach(t -> wanted.add(t.input()));
    Map<String, INDArray> grads = gf.gradients(feed, wanted);
    int nonZero = 0;
    for (String v : g.trainableVariables()) {
      assertThat(grads.get(v).amaxNumber().doubleValue()).as(v).isGreaterThan(0.0);
      nonZero++;
    }
    for (GatheredTable t : tables) {
      assertThat(t.gradient(grads.get(t.input())).amaxNumber().doubleValue()).as(t.name()).isGreaterThan(0.0);
      nonZero++;
    }
    assertThat(nonZero).isEqualTo(101 + 2);   // every encoder tensor and the head
  }

  @Test
  void exportAfterTrainingRunsInOnnxRuntimeWithTheTrainedWeights() {
    EncoderArgs args = new EncoderArgs(EmbeddedModels.MINILM, null, 32, EncoderArgs.Pooling.MEAN, 0.1, 5, false);
    BertClassifier m = bundle.classifier(args, 2, 0);
    INDArray before = m.weights().get("encoder.layer.5.output.dense.weight").dup();
    List<Example> data = List.of(
        new Example("1", 0, "free money, click now to claim your prize", null),
        new Example("2", 1, "the meeting is moved to thursday afternoon", null),
        new Example("3", 0, "cheap pills with no prescription", null),
        new Example("4", 1, "please review the attached quarterly report", null));
    new Trainer(List.of()).fit("t", m, Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain())),
        BatchPlan.retainOnly(4), TrainSpec.defaults().with(3, 4, 1e-3), List.of(), data, 1);
    assertThat(m.weights().get("encoder.layer.5.output.dense.weight").equalsWithEps(before, 1e-5)).isFalse();
    assertThat(m.weights().get("encoder.layer.4.output.dense.weight"))
        .isEqualTo(bundle.weights().get("encoder.layer.4.output.dense.weight"));       // frozen stays put

    Path exported = dir.resolve("trained.onnx");
    OnnxExport.write(m.weights(), m.origin(), onnx, exported);
    assertThat(EncoderParity.maxAbsDiff(m, exported, 2, 4, 32, 5L)).isLessThanOrEqualTo(1e-4);
    assertThat(EncoderParity.maxAbsDiff(m, onnx, 1, 4, 32, 5L)).isGreaterThan(1e-3);     // it really changed
  }
}
