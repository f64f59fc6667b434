package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.eval.generation.SequenceMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class GenerationTest {
  @TempDir Path dir;

  private CausalLm neo() {
    TinyCheckpoints.write(dir.resolve("neo"), true, 7);
    return CausalCheckpoint.load(dir.resolve("neo"));
  }

  @Test
  void greedyEqualsStepByStepArgmaxOfTheFullForward() {
    CausalLm lm = neo();
    int[][] prompts = {{3, 17, 42}, {9, 9, 1}};
    int[][] gen = Generator.greedy(lm, prompts, 6, -1);
    assertThat(gen[0]).hasSize(6);
    for (int i = 0; i < prompts.length; i++) {
      int[] full = new int[9];
      System.arraycopy(prompts[i], 0, full, 0, 3);
      System.arraycopy(gen[i], 0, full, 3, 6);
      INDArray logits = lm.logits(new int[][] {full});
      for (int t = 3; t < 9; t++) {
        double[] row = logits.slice(0).getRow(t - 1).toDoubleVector();
        int best = 0;
        for (int v = 1; v < row.length; v++) {
          best = row[v] > row[best] ? v : best;
        }
        assertThat(full[t]).as("row %d position %d", i, t).isEqualTo(best);
      }
    }
  }

  @Test
  void eosEndsARowAndPadsItWithEos() {
    CausalLm lm = neo();
    int[][] prompts = {{3, 17, 42}};
    int first = Generator.greedy(lm, prompts, 1, -1)[0][0];
    int[][] gen = Generator.greedy(lm, prompts, 5, first);      // the first token generated is EOS
    assertThat(gen[0]).containsOnly(first);
  }

  @Test
  void teacherForcedMemorisationAccuracyEqualsOneTokenGreedyGeneration() {
    CausalLm lm = neo();
    int[] x = {4, 8, 15, 16, 23, 42, 7, 1};
    CausalLm.TokenScores s = lm.score(new int[][] {x});
    int[] argmax = new int[x.length];
    int[] greedy = new int[x.length];
    for (int t = 1; t < x.length; t++) {
      argmax[t] = s.argmax()[0][t - 1];
      greedy[t] = Generator.greedy(lm, new int[][] {java.util.Arrays.copyOf(x, t)}, 1, -1)[0][0];
    }
    assertThat(SequenceMetrics.memorisationAccuracy(x, argmax))
        .isEqualTo(SequenceMetrics.memorisationAccuracy(x, greedy));
    assertThat(argmax).isEqualTo(greedy);
    // log-probabilities are normalised: they match a softmax of the logits
    INDArray logits = lm.logits(new int[][] {x});
    double[] row = logits.slice(0).getRow(0).toDoubleVector();
    double z = 0;
    for (double v : row) {
      z += Math.exp(v);
    }
    assertThat(s.logProbs()[0][0]).isCloseTo(row[x[1]] - Math.log(z), within(1e-5));
  }
}
