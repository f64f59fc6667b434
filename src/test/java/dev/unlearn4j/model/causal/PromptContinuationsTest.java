package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.eval.generation.PromptContinuations;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuations shared between prompt lengths equal separate greedy decoding of every prompt, whatever roots are
 * proposed, and a passage the model reproduces is decoded once.
 */
class PromptContinuationsTest {
  @TempDir Path dir;

  @Test
  void sharedContinuationsEqualSeparateGreedyDecodingForAnyProposal() {
    TinyCheckpoints.write(dir, true, 21);
    CausalLm lm = CausalCheckpoint.load(dir);
    int t = TinyCheckpoints.P;
    Random r = new Random(9);
    int[][] x = new int[4][t];
    for (int[] row : x) {
      Arrays.setAll(row, i -> r.nextInt(TinyCheckpoints.V));
    }
    // passage 0: the model's own greedy output after its first token; passage 1: the same up to position 8
    int[] g = Generator.greedy(lm, new int[][] {Arrays.copyOf(x[0], 1)}, t - 1, -1)[0];
    System.arraycopy(g, 0, x[0], 1, t - 1);
    System.arraycopy(x[0], 0, x[1], 0, 8);
    int start = 2;
    int last = t - 2;
    int[][] modelNext = new int[x.length][t];                   // greedy prediction for each position, from x
    int[][] allMatch = new int[x.length][];                      // proposes one root per passage: wrong for 2 and 3
    int[][] noneMatch = new int[x.length][t];                    // proposes every prompt as a root
    for (int b = 0; b < x.length; b++) {
      for (int p = 1; p < t; p++) {
        modelNext[b][p] = Generator.greedy(lm, new int[][] {Arrays.copyOf(x[b], p)}, 1, -1)[0][0];
      }
      allMatch[b] = x[b].clone();
      Arrays.fill(noneMatch[b], -1);
    }
    int prompts = x.length * (last - start + 1);
    for (int[][] proposal : List.of(modelNext, allMatch, noneMatch)) {
      PromptContinuations.Result res = PromptContinuations.of(new CachedDecoder(lm), x, proposal, start, last, 4, 7);
      for (int b = 0; b < x.length; b++) {
        for (int i = 0; i < t; i++) {
          if (i < start || i > last) {
            assertThat(res.cont()[b][i]).isNull();
            continue;
          }
          int[] alone = Generator.greedy(lm, new int[][] {Arrays.copyOf(x[b], i)}, t - i, -1)[0];
          assertThat(res.cont()[b][i]).as("passage %d, prompt %d", b, i).containsExactly(alone);
        }
      }
      assertThat(res.decoded()).isBetween(1, prompts);
    }
    assertThat(PromptContinuations.of(new CachedDecoder(lm), x, noneMatch, start, last, 4, 7).decoded())
        .isEqualTo(prompts);
    int covered = PromptContinuations.of(new CachedDecoder(lm), x, modelNext, start, last, 4, 7).decoded();
    assertThat(covered).as("passage 0 decoded once, passage 1 at most from position 8 on")
        .isLessThanOrEqualTo(prompts - (last - start) - (8 - start));
  }
}
