package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.eval.privacy.MiaScores;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The teacher-forced scores (log-probs, μ, σ) equal the same quantities computed in Java from the full logits. */
class TokenScoresTest {
  @TempDir Path dir;

  @Test
  void scoresMatchTheFullSoftmaxAndGiveTheSameMinKPlusPlus() {
    TinyCheckpoints.write(dir, true, 5);
    CausalLm lm = CausalCheckpoint.load(dir);
    Random r = new Random(2);
    int[][] ids = new int[3][TinyCheckpoints.P];
    for (int[] row : ids) {
      for (int i = 0; i < row.length; i++) {
        row[i] = r.nextInt(TinyCheckpoints.V);
      }
    }
    CausalLm.TokenScores s = lm.score(ids);
    INDArray logits = lm.logits(ids);                                                      // [B, T, V]
    for (int b = 0; b < ids.length; b++) {
      double[][] dist = new double[ids[b].length - 1][];
      int[] targets = new int[dist.length];
      for (int t = 0; t < dist.length; t++) {
        double[] z = logits.slice(b).getRow(t).toDoubleVector();
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double sum = 0;
        for (double v : z) {
          sum += Math.exp(v - max);
        }
        dist[t] = new double[z.length];
        double mu = 0;
        double second = 0;
        for (int v = 0; v < z.length; v++) {
          dist[t][v] = Math.exp(z[v] - max) / sum;
          double lp = z[v] - max - Math.log(sum);
          mu += dist[t][v] * lp;
          second += dist[t][v] * lp * lp;
        }
        targets[t] = ids[b][t + 1];
        assertThat(s.logProbs()[b][t]).isCloseTo(Math.log(dist[t][targets[t]]), within(1e-5));
        assertThat(s.mean()[b][t]).isCloseTo(mu, within(1e-5));
        assertThat(s.std()[b][t]).isCloseTo(Math.sqrt(Math.max(second - mu * mu, 1e-6)), within(1e-5));
      }
      assertThat(MiaScores.minKPlusPlus(s.logProbs()[b], s.mean()[b], s.std()[b], 0.2))
          .isCloseTo(MiaScores.minKPlusPlus(dist, targets, 0.2), within(1e-4));
    }
  }
}
