package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every prompt length's lockstep continuation is the one greedy decoding of that prompt alone produces. */
class GreedyForksTest {
  @TempDir Path dir;

  @Test
  void forkedContinuationsEqualSeparateGreedyDecoding() {
    TinyCheckpoints.write(dir, true, 21);
    CausalLm lm = CausalCheckpoint.load(dir);
    Random r = new Random(4);
    int[][] x = new int[3][TinyCheckpoints.P];
    for (int[] row : x) {
      Arrays.setAll(row, i -> r.nextInt(TinyCheckpoints.V));
    }
    int first = 2;
    int last = 13;
    int[][][] cont = GreedyForks.continuations(new CachedDecoder(lm), x, first, last);
    for (int p = 0; p < x.length; p++) {
      for (int i = 0; i < TinyCheckpoints.P; i++) {
        if (i < first || i > last) {
          assertThat(cont[p][i]).as("passage %d, prompt %d", p, i).isNull();
          continue;
        }
        int[] alone = Generator.greedy(lm, new int[][] {Arrays.copyOf(x[p], i)}, TinyCheckpoints.P - i, -1)[0];
        assertThat(cont[p][i]).as("passage %d, prompt %d", p, i).containsExactly(alone);
      }
    }
  }
}
