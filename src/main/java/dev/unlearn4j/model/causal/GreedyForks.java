package dev.unlearn4j.model.causal;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Greedy continuations of every prompt length of a passage — what extraction likelihood needs — generated in
 * lockstep. All rows of the key/value cache hold the same number of tokens at every step: the passages' own
 * ("true") rows read the passage, and at position i each true row forks a row that continues the prompt x_{0:i}
 * greedily. So the continuations of all prompt lengths advance together, one decoder call per position instead of
 * one per generated token and prompt length (ICU's EL₁₀ on 200 tokens: 50 calls instead of 1,230). Each row's
 * arithmetic is the one a separate greedy decoding of its prompt performs.
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
    int t = x[0].length;
    int[][][] cont = new int[b][t][];
    if (first > last) {
      return cont;
    }
    CachedDecoder.Cache cache = dec.empty();
    INDArray logits = dec.append(cache, slice(x, first));                                 // [rows, V]
    int[] passage = new int[b];                                  // passage of each cache row
    int[] prompt = new int[b];                                   // its prompt length; 0: a true row
    Arrays.setAll(passage, r -> r);
    for (int p = first; p < t; p++) {                            // p: the position every row predicts now
      int[] best = Nd4j.argMax(logits, 1).toIntVector();         // lowest id on ties, as Generator
      boolean fork = p <= last;
      int rows = passage.length;
      int drop = !fork && prompt[0] == 0 ? b : 0;                // true rows go after the last fork
      int[] sel = new int[rows - drop + (fork ? b : 0)];
      int[] nextPassage = new int[sel.length];
      int[] nextPrompt = new int[sel.length];
      int[][] next = new int[sel.length][1];
      int k = 0;
      for (int r = drop; r < rows; r++, k++) {
        sel[k] = r;
        nextPassage[k] = passage[r];
        nextPrompt[k] = prompt[r];
        next[k][0] = prompt[r] == 0 ? x[passage[r]][p] : best[r];
      }
      for (int r = 0; fork && r < b; r++, k++) {                 // the rows continuing x_{0:p}
        sel[k] = r;
        nextPassage[k] = r;
        nextPrompt[k] = p;
        cont[r][p] = new int[t - p];
        next[k][0] = best[r];
      }
      for (int r = 0; r < sel.length; r++) {
        if (nextPrompt[r] > 0) {
          cont[nextPassage[r]][nextPrompt[r]][p - nextPrompt[r]] = next[r][0];
        }
      }
      if (p + 1 < t) {
        if (sel.length != rows || sel[sel.length - 1] != rows - 1) {   // else nothing forked or dropped
          cache = cache.select(sel);
        }
        logits = dec.append(cache, next);
      }
      passage = nextPassage;
      prompt = nextPrompt;
    }
    return cont;
  }

  private static int[][] slice(int[][] x, int to) {
    int[][] out = new int[x.length][];
    for (int r = 0; r < x.length; r++) {
      out[r] = Arrays.copyOf(x[r], to);
    }
    return out;
  }
}
