package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The key/value-cache decoder against the full graph forward, and beam search against a plain reference. */
class CachedGenerationTest {
  @TempDir Path dir;

  private CausalLm lm(boolean neo, long seed) {
    Path p = dir.resolve((neo ? "neo" : "gpt2") + seed);
    TinyCheckpoints.write(p, neo, seed);
    return CausalCheckpoint.load(p);
  }

  @Test
  void cachedLogitsEqualTheFullForwardPastTheLocalWindow() {
    for (boolean neo : new boolean[] {true, false}) {
      CausalLm lm = lm(neo, 3);
      int[][] seq = {{5, 1, 44, 9, 9, 30, 2, 17, 8, 0, 49, 3, 12, 6}, {7, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};
      INDArray full = lm.logits(seq);                                                    // [2, 14, V]
      CachedDecoder dec = new CachedDecoder(lm);
      CachedDecoder.Cache cache = dec.empty();
      INDArray got = dec.append(cache, new int[][] {Arrays.copyOf(seq[0], 4), Arrays.copyOf(seq[1], 4)});
      assertClose(got, full, 3, neo);
      for (int t = 4; t < 14; t++) {                   // one token at a time: 14 > window 3 of the local layer
        got = dec.append(cache, new int[][] {{seq[0][t]}, {seq[1][t]}});
        assertClose(got, full, t, neo);
      }
      assertThat(cache.length()).isEqualTo(14);
    }
  }

  private static void assertClose(INDArray got, INDArray full, int t, boolean neo) {
    for (int i = 0; i < 2; i++) {
      double[] want = full.slice(i).getRow(t).toDoubleVector();
      double[] have = got.getRow(i).toDoubleVector();
      for (int v = 0; v < want.length; v++) {
        assertThat(Math.abs(have[v] - want[v])).as("%s row %d position %d token %d", neo ? "neo" : "gpt2", i, t, v)
            .isLessThan(1e-4);
      }
    }
  }

  @Test
  void beamWidthOneEqualsGreedyWithAndWithoutEos() {
    CausalLm lm = lm(true, 7);
    int[][] prompts = {{3, 17, 42}, {9, 9, 1}, {0, 4, 4}};
    assertThat(BeamSearch.generate(lm, prompts, 8, 1, 1.0, -1)).isDeepEqualTo(Generator.greedy(lm, prompts, 8, -1));
    int eos = Generator.greedy(lm, prompts, 3, -1)[0][2];                 // a token the first row reaches
    int[][] greedy = Generator.greedy(lm, prompts, 8, eos);
    assertThat(greedy[0][2]).isEqualTo(eos);
    assertThat(greedy[0]).endsWith(eos, eos, eos, eos, eos);
    assertThat(BeamSearch.generate(lm, prompts, 8, 1, 1.0, eos)).isDeepEqualTo(greedy);
  }

  @Test
  void beamSearchEqualsAPlainReferenceOnTheFullForward() {
    for (long seed : new long[] {7, 8, 9}) {
      CausalLm lm = lm(true, seed);
      int[][] prompts = {{3, 17, 42}, {9, 9, 1}};
      int[][] got = BeamSearch.generate(lm, prompts, 6, 3, 1.0, -1);
      for (int i = 0; i < prompts.length; i++) {
        assertThat(got[i]).as("seed %d prompt %d", seed, i).isEqualTo(reference(lm, prompts[i], 6, 3));
      }
    }
  }

  @Test
  void generationStopsAtTheLastPosition() {
    CausalLm lm = lm(false, 4);
    int[][] prompts = {new int[TinyCheckpoints.P - 2]};
    assertThat(Generator.greedy(lm, prompts, 10, -1)[0]).hasSize(2);
    assertThat(BeamSearch.generate(lm, prompts, 10, 2, 1.0, -1)[0]).hasSize(2);
  }

  /** Beam search without EOS, written plainly: rescore every candidate with the full forward, keep the k best. */
  private static int[] reference(CausalLm lm, int[] prompt, int steps, int k) {
    List<int[]> beams = new ArrayList<>(List.of(prompt));
    List<Double> scores = new ArrayList<>(List.of(0.0));
    for (int s = 0; s < steps; s++) {
      List<int[]> cand = new ArrayList<>();
      List<Double> candScores = new ArrayList<>();
      for (int j = 0; j < beams.size(); j++) {
        INDArray logits = lm.logits(new int[][] {beams.get(j)});
        double[] row = logits.slice(0).getRow(beams.get(j).length - 1).toDoubleVector();
        double z = 0;
        for (double x : row) {
          z += Math.exp(x);
        }
        for (int v = 0; v < row.length; v++) {
          cand.add(Generator.concat(beams.get(j), new int[] {v}));
          candScores.add(scores.get(j) + row[v] - Math.log(z));
        }
      }
      Integer[] order = new Integer[cand.size()];
      for (int c = 0; c < order.length; c++) {
        order[c] = c;
      }
      Arrays.sort(order, (a, b) -> Double.compare(candScores.get(b), candScores.get(a)));
      beams = new ArrayList<>();
      scores = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        beams.add(cand.get(order[c]));
        scores.add(candScores.get(order[c]));
      }
    }
    return Arrays.copyOfRange(beams.get(0), prompt.length, prompt.length + steps);
  }
}
