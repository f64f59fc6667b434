package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.eval.generation.ExtractionLikelihood;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.eval.generation.SequenceMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batched MA and EL (all prompt lengths forked in lockstep) against one-prompt-at-a-time greedy decoding. */
class PassageScorerTest {
  @TempDir Path dir;

  @Test
  void batchedScoresEqualPlainGreedyDecodingPerPrompt() {
    TinyCheckpoints.write(dir, true, 21);
    CausalLm lm = CausalCheckpoint.load(dir);
    Random r = new Random(4);
    List<int[]> passages = new ArrayList<>();
    for (int p = 0; p < 18; p++) {                            // 18 > one batch of 16
      int[] x = new int[TinyCheckpoints.P];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextInt(TinyCheckpoints.V);
      }
      passages.add(x);
    }
    // make one passage the model's own greedy output, so its EL and MA are 1
    int[] own = Arrays.copyOf(passages.get(0), TinyCheckpoints.P);
    int[] g = Generator.greedy(lm, new int[][] {Arrays.copyOf(own, 1)}, TinyCheckpoints.P - 1, -1)[0];
    System.arraycopy(g, 0, own, 1, g.length);
    passages.set(0, own);

    int n = 3;
    int start = 9;
    double[] el = PassageScorer.extraction(lm, passages, n, start);
    double[] elJang = PassageScorer.extraction(lm, passages, n, 1);
    double[] elOneBand = PassageScorer.extraction(lm, passages, n, 1, TinyCheckpoints.P);   // 13 prompt lengths
    double[] ma = PassageScorer.memorisation(lm, passages);
    for (int p = 0; p < passages.size(); p++) {
      int[] x = passages.get(p);
      int[][] cont = new int[x.length][];
      int[] argmax = new int[x.length];
      for (int i = 1; i < x.length; i++) {
        int[] next = Generator.greedy(lm, new int[][] {Arrays.copyOf(x, i)}, x.length - i, -1)[0];
        cont[i] = next;
        argmax[i] = next[0];
      }
      assertThat(el[p]).as("EL of passage %d", p).isCloseTo(ExtractionLikelihood.of(x, cont, n, start), within(1e-12));
      assertThat(elJang[p]).as("Jang EL of passage %d", p).isCloseTo(ExtractionLikelihood.of(x, cont, n, 1),
          within(1e-12));
      assertThat(elOneBand[p]).as("Jang EL of passage %d, one band", p).isEqualTo(elJang[p]);
      assertThat(ma[p]).as("MA of passage %d", p).isCloseTo(SequenceMetrics.memorisationAccuracy(x, argmax),
          within(1e-12));
    }
    assertThat(el[0]).isEqualTo(1.0);
    assertThat(ma[0]).isEqualTo(1.0);
    assertThat(PassageScorer.mean(el)).isLessThan(1.0);
  }
}
