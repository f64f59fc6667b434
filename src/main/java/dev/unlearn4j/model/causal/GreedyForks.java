package dev.unlearn4j.model.causal;

import dev.unlearn4j.util.NativeMemory;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Greedy continuations of many prompts of the same passages — what extraction likelihood needs — generated in
 * lockstep: the cache holds one row per (passage, prompt length), all at the same position at every step. A row
 * for prompt x_{0:i} reads the passage's own tokens up to position i and its greedy predictions from there on, so
 * the continuations advance together, one decoder call per position instead of one per generated token and prompt.
 * Rows still reading their passage repeat work that a shorter prompt's row does too; callers bound it by passing
 * prompts of nearby lengths. Each row's arithmetic is that of a separate greedy decoding of its prompt.
 */
public final class GreedyForks {
  private GreedyForks() {}

  /**
   * @param x [B][T] passages of one length
   * @param first shortest prompt length (≥ 1)
   * @param last longest prompt length (&lt; T)
   * @return cont[b][i] for first ≤ i ≤ last: the T − i tokens greedy decoding appends to x[b][0:i]; null elsewhere
   */
  public static int[][][] continuations(CachedDecoder dec, int[][] x, int first, int last) {
    int b = x.length;
    int[][][] cont = new int[b][x[0].length][];
    if (first > last) {
      return cont;
    }
    int rows = b * (last - first + 1);                           // row j·B + r: passage r, prompt first + j
    int[] passage = IntStream.range(0, rows).map(row -> row % b).toArray();
    int[] prompt = IntStream.range(0, rows).map(row -> first + row / b).toArray();
    int[][] out = continuations(dec, x, passage, prompt);
    for (int row = 0; row < rows; row++) {
      cont[passage[row]][prompt[row]] = out[row];
    }
    return cont;
  }

  /**
   * @param x [B][T] passages of one length
   * @param passage row k continues passage {@code passage[k]} …
   * @param prompt … from its first {@code prompt[k]} tokens (1 ≤ prompt[k] &lt; T)
   * @return per row the T − prompt[k] tokens greedy decoding appends
   */
  public static int[][] continuations(CachedDecoder dec, int[][] x, int[] passage, int[] prompt) {
    int rows = passage.length;
    int t = x[0].length;
    int first = IntStream.of(prompt).min().orElseThrow();
    int[] used = IntStream.of(passage).distinct().toArray();     // the prefix is decoded once per passage
    int[] slot = new int[x.length];
    for (int u = 0; u < used.length; u++) {
      slot[used[u]] = u;
    }
    CachedDecoder.Cache shared = dec.empty(t);
    INDArray prefixLogits = dec.append(shared, IntStream.of(used).mapToObj(p -> Arrays.copyOf(x[p], first))
        .toArray(int[][]::new));                                                           // [U, V]
    int[] tile = IntStream.of(passage).map(p -> slot[p]).toArray();
    CachedDecoder.Cache cache = shared.select(tile);
    INDArray logits = Nd4j.pullRows(prefixLogits, 1, tile);                                // [rows, V]
    int[][] cont = new int[rows][];
    Arrays.setAll(cont, row -> new int[t - prompt[row]]);
    int[][] next = new int[rows][1];
    for (int p = first; p < t; p++) {                            // p: the position every row predicts now
      int[] best = Nd4j.argMax(logits, 1).toIntVector();         // lowest id on ties, as Generator
      for (int row = 0; row < rows; row++) {
        if (p < prompt[row]) {
          next[row][0] = x[passage[row]][p];                     // still reading its prompt
        } else {
          cont[row][p - prompt[row]] = best[row];
          next[row][0] = best[row];
        }
      }
      if (p + 1 < t) {
        logits = dec.append(cache, next);
      }
      NativeMemory.tick();                                       // each step leaves [rows, V] logits behind
    }
    return cont;
  }
}
