package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.testing.GradCheck;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The language model trains through the shared Trainer: it memorises a planted sequence; tied gradients add up. */
class CausalTrainingTest {
  private static final GptConfig CONFIG = new GptConfig(GptConfig.NEO, 40, 16, 16, 2, 64, 1e-5,
      List.of("global", "local"), 8);
  private static final Objective LM = Objective.of(new Objective.Term("lm", 1.0, CrossEntropy.onRetain()));

  @Test
  void tinyModelMemorisesAPlantedSequenceAndGreedyReproducesIt() {
    int[] planted = {5, 9, 13, 2, 31, 7, 7, 22, 18, 3, 11, 29};
    Random r = new Random(3);
    List<Example> data = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      int[] seq = new int[12];
      for (int j = 0; j < seq.length; j++) {
        seq[j] = 1 + r.nextInt(39);                              // random filler text
      }
      data.add(Example.ofTokens("r" + i, i % 3 == 0 ? planted.clone() : seq));
    }
    CausalLm lm = new CausalLm(CONFIG, GptWeights.random(CONFIG, 1, DataType.FLOAT));
    List<Double> losses = new ArrayList<>();
    TrainingListener rec = new TrainingListener() {
      @Override public void onStep(TrainerState s) {
        losses.add(s.loss());
      }
    };
    new Trainer(List.of(rec)).fit("pretrain", lm, LM, BatchPlan.retainOnly(8),
        new TrainSpec(40, 8, 3e-3, TrainSpec.Optimizer.ADAM, 0.9, 0.0, 1.0, 0), List.of(), data, 5);
    assertThat(losses.get(0)).isGreaterThan(3.0);                       // about log 40 at the start
    assertThat(losses.get(losses.size() - 1)).isLessThan(2.2);
    int[] prompt = java.util.Arrays.copyOf(planted, 4);
    int[] gen = Generator.greedy(lm, new int[][] {prompt}, 8, -1)[0];
    assertThat(gen).containsExactly(java.util.Arrays.copyOfRange(planted, 4, 12));
  }

  @Test
  void tiedEmbeddingGradientIsTheSumOfInputAndHeadGradients() {
    GptConfig c = new GptConfig(GptConfig.NEO, 12, 8, 4, 2, 8, 1e-5, List.of("global", "local"), 2);
    Map<String, INDArray> w = GptWeights.random(c, 2, DataType.DOUBLE);
    w.replaceAll((k, v) -> k.contains("ln_") ? v : v.mul(20));          // larger weights: larger gradients
    CausalLm lm = new CausalLm(c, w);
    CausalGraph g = (CausalGraph) lm.graph(true, 0);
    Objective.of(new Objective.Term("lm", 1.0, CrossEntropy.onRetain())).build(g.lossInputs(12));
    g.sd().setLossVariables(Objective.LOSS);
    GradFunction gf = GradFunction.create(g.sd(), GptDecoder.TOK_ROWS, GptDecoder.POS_ROWS);
    List<Example> rows = List.of(Example.ofTokens("a", new int[] {1, 5, 7, 5, 2}),
        Example.ofTokens("b", new int[] {3, 3, 9, 11, 0}));
    Batch batch = new Batch(List.of(), rows);
    Map<String, INDArray> feed = new HashMap<>(g.feed(rows));
    g.lossFeed(batch, 12).forEach((k, v) -> feed.put(k, v.castTo(DataType.DOUBLE)));
    List<String> wanted = new ArrayList<>(g.trainableVariables());
    wanted.add(GptDecoder.TOK_ROWS);
    Map<String, INDArray> grads = gf.gradients(feed, wanted);
    GatheredTable wte = g.gatheredTables().get(0);
    INDArray analytic = grads.get(GptWeights.WTE).add(wte.gradient(grads.get(GptDecoder.TOK_ROWS)));
    INDArray table = wte.table();
    assertThat(table).isSameAs(g.sd().getArrForVarName(GptWeights.WTE));
    double maxRel = 0;
    for (int row : new int[] {1, 5, 7, 10}) {              // used as inputs and/or targets, and an unused id
      for (int col = 0; col < 4; col++) {
        double orig = table.getDouble(row, col);
        table.putScalar(new long[] {row, col}, orig + 1e-6);
        Map<String, INDArray> f1 = new HashMap<>(feed);
        f1.putAll(g.feed(rows));
        double up = GradCheck.value(g.sd(), f1, Objective.LOSS);
        table.putScalar(new long[] {row, col}, orig - 1e-6);
        Map<String, INDArray> f2 = new HashMap<>(feed);
        f2.putAll(g.feed(rows));
        double down = GradCheck.value(g.sd(), f2, Objective.LOSS);
        table.putScalar(new long[] {row, col}, orig);
        double numeric = (up - down) / 2e-6;
        double a = analytic.getDouble(row, col);
        double abs = Math.abs(a - numeric);
        maxRel = Math.max(maxRel, abs < 1e-9 ? 0 : abs / Math.max(Math.abs(a), Math.abs(numeric)));
      }
    }
    assertThat(maxRel).isLessThan(1e-5);
    assertThat(analytic.getRow(10).amaxNumber().doubleValue()).isGreaterThan(0.0);   // head gradient only
  }
}
