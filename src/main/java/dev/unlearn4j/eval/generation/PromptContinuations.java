package dev.unlearn4j.eval.generation;

import dev.unlearn4j.model.causal.CachedDecoder;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GreedyForks;
import dev.unlearn4j.util.NativeMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The greedy continuation of every prompt length of every passage, decoding only where greedy decoding leaves the
 * passage. When the continuation of x_{0:r} begins with x_{r:i}, decoding x_{0:i} is the same computation from
 * there on, so its continuation is that of x_{0:r} without its first i − r tokens. Only "root" prompts are decoded:
 * the first, and each one whose preceding prompt's first generated token is not the passage's next token. A
 * teacher-forced pass proposes the roots; every copied continuation is then checked against its root's decoded
 * tokens, and a prompt that fails becomes a root of its own (another round), so the result is what decoding every
 * prompt gives. On memorised passages most prompts are covered (ICU's original model: MA 0.91).
 */
public final class PromptContinuations {
  private PromptContinuations() {}

  /**
   * @param cont cont[b][i] for start ≤ i ≤ last: the T − i tokens greedy decoding appends to passage b's first i
   *     tokens; null elsewhere
   * @param decoded how many prompts were decoded (the rest were copied)
   */
  public record Result(int[][][] cont, int decoded) {}

  /**
   * Prompt lengths start … last of every passage, roots proposed by the model's teacher-forced argmax.
   *
   * @param argmax [B][T−1] as {@link CausalLm.TokenScores#argmax()}: entry t predicts position t + 1
   */
  public static Result of(CausalLm lm, List<int[]> passages, int[][] argmax, int start, int last, int band,
      int rowsPerBatch) {
    int[][] x = passages.toArray(int[][]::new);
    int[][] next = new int[x.length][x[0].length];
    for (int b = 0; b < x.length; b++) {
      System.arraycopy(argmax[b], 0, next[b], 1, x[b].length - 1);
    }
    return of(new CachedDecoder(lm), x, next, start, last, band, rowsPerBatch);
  }

  /**
   * @param next [B][T] proposed greedy prediction for each position p ≥ 1 given x_{<p}: where it equals x[b][p],
   *     prompt p + 1 is expected to share prompt p's continuation (a wrong proposal costs decoding rounds, not
   *     correctness)
   */
  public static Result of(CachedDecoder dec, int[][] x, int[][] next, int start, int last, int band,
      int rowsPerBatch) {
    int t = x[0].length;
    int[][][] cont = new int[x.length][t][];
    if (start > last) {
      return new Result(cont, 0);
    }
    boolean[][] root = new boolean[x.length][t];
    for (int b = 0; b < x.length; b++) {
      for (int i = start; i <= last; i++) {
        root[b][i] = i == start || next[b][i - 1] != x[b][i - 1];
      }
    }
    int decoded = 0;
    boolean changed = true;
    while (changed) {
      decoded += decodeRoots(dec, x, root, cont, band, rowsPerBatch);
      changed = false;
      for (int b = 0; b < x.length; b++) {
        int r = start;
        for (int i = start + 1; i <= last; i++) {
          if (root[b][i]) {
            r = i;
          } else if (!startsWith(cont[b][r], x[b], r, i)) {
            root[b][i] = true;                                   // decode it; later prompts are checked next round
            changed = true;
            break;
          }
        }
      }
    }
    for (int b = 0; b < x.length; b++) {
      int r = start;
      for (int i = start + 1; i <= last; i++) {
        if (root[b][i]) {
          r = i;
        } else {
          cont[b][i] = Arrays.copyOfRange(cont[b][r], i - r, t - r);
        }
      }
    }
    return new Result(cont, decoded);
  }

  /**
   * Decodes the roots not decoded yet, by prompt length (a batch spans fewer than {@code band} lengths).
   *
   * @return how many
   */
  private static int decodeRoots(CachedDecoder dec, int[][] x, boolean[][] root, int[][][] cont, int band,
      int rowsPerBatch) {
    List<int[]> todo = new ArrayList<>();                        // {passage, prompt length}
    for (int b = 0; b < x.length; b++) {
      for (int i = 0; i < root[b].length; i++) {
        if (root[b][i] && cont[b][i] == null) {
          todo.add(new int[] {b, i});
        }
      }
    }
    todo.sort(Comparator.<int[]>comparingInt(r -> r[1]).thenComparingInt(r -> r[0]));
    for (int k = 0; k < todo.size(); ) {
      int end = k;
      while (end < todo.size() && end - k < rowsPerBatch && todo.get(end)[1] < todo.get(k)[1] + band) {
        end++;
      }
      List<int[]> batch = todo.subList(k, end);
      int[][] out = GreedyForks.continuations(dec, x, batch.stream().mapToInt(r -> r[0]).toArray(),
          batch.stream().mapToInt(r -> r[1]).toArray());
      for (int j = 0; j < out.length; j++) {
        cont[batch.get(j)[0]][batch.get(j)[1]] = out[j];
      }
      NativeMemory.tick();
      k = end;
    }
    return todo.size();
  }

  /** Whether {@code cont} (the continuation of prompt length r) begins with x[r:i]. */
  private static boolean startsWith(int[] cont, int[] x, int r, int i) {
    return Arrays.equals(cont, 0, i - r, x, r, i);
  }
}
