package dev.unlearn4j.model.causal;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Greedy decoding as Hugging Face {@code generate} does it without sampling: each step appends the argmax of the
 * last position's logits (lowest id on ties); a row that produced EOS is padded with EOS afterwards. Uses the
 * {@link CachedDecoder}, so each step costs one token's forward pass per row.
 */
public final class Generator {
  private Generator() {}

  /**
   * @param prompts [B][T] prompts of equal length
   * @param maxNew tokens to generate per row (capped by the model's positions)
   * @param eos end-of-sequence id, or −1 for none
   * @return [B][≤ maxNew] the generated tokens only
   */
  public static int[][] greedy(CausalLm lm, int[][] prompts, int maxNew, int eos) {
    int steps = steps(lm, prompts, maxNew);
    if (steps == 0) {
      return new int[prompts.length][0];
    }
    CachedDecoder dec = new CachedDecoder(lm);
    CachedDecoder.Cache cache = dec.empty(prompts[0].length + steps);
    return continueGreedy(dec, cache, dec.append(cache, prompts), steps, eos);
  }

  /**
   * Greedy continuation of rows whose prompts are already in {@code cache}.
   *
   * @param logits [B, V] the next-token logits after the prompts
   * @return [B][steps] generated tokens; the cache grows by steps − 1 tokens
   */
  public static int[][] continueGreedy(CachedDecoder dec, CachedDecoder.Cache cache, INDArray logits, int steps,
      int eos) {
    int b = (int) logits.size(0);
    int[][] out = new int[b][steps];
    boolean[] done = new boolean[b];
    for (int s = 0; s < steps; s++) {
      int[][] next = new int[b][1];
      int[] best = Nd4j.argMax(logits, 1).toIntVector();            // lowest id on ties, as CausalLm.score
      for (int i = 0; i < b; i++) {
        int tok = done[i] ? eos : best[i];
        out[i][s] = tok;
        next[i][0] = tok;
        done[i] = done[i] || tok == eos;
      }
      if (s + 1 < steps) {
        logits = dec.append(cache, next);
      }
    }
    return out;
  }

  /** Tokens that fit: {@code maxNew}, capped by the positions left after the prompt. */
  static int steps(CausalLm lm, int[][] prompts, int maxNew) {
    int t0 = prompts[0].length;
    for (int[] p : prompts) {
      if (p.length != t0) {
        throw new IllegalArgumentException("prompts must have equal lengths (" + t0 + " vs " + p.length + ")");
      }
    }
    return Math.max(0, Math.min(maxNew, lm.config().maxPositions() - t0));
  }

  static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
