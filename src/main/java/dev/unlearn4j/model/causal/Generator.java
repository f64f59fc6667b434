package dev.unlearn4j.model.causal;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Greedy decoding as Hugging Face {@code generate} does it without sampling: each step appends the argmax of the
 * last position's logits (lowest id on ties); a row that produced EOS is padded with EOS afterwards. Each step
 * recomputes the full forward pass (no KV cache yet), so the cost grows with the square of the length.
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
    int b = prompts.length;
    int t0 = prompts[0].length;
    int steps = Math.min(maxNew, lm.config().maxPositions() - t0);
    int[][] seq = new int[b][];
    for (int i = 0; i < b; i++) {
      seq[i] = Arrays.copyOf(prompts[i], t0 + steps);
    }
    boolean[] done = new boolean[b];
    for (int s = 0; s < steps; s++) {
      int len = t0 + s;
      int[][] cur = new int[b][];
      for (int i = 0; i < b; i++) {
        cur[i] = Arrays.copyOf(seq[i], len);
      }
      INDArray logits = lm.logits(cur);                                          // [B, len, V]
      for (int i = 0; i < b; i++) {
        if (done[i]) {
          seq[i][len] = eos;
          continue;
        }
        INDArray last = logits.get(NDArrayIndex.point(i), NDArrayIndex.point(len - 1), NDArrayIndex.all());
        int next = last.argMax().getInt(0);
        seq[i][len] = next;
        done[i] = next == eos;
      }
    }
    int[][] out = new int[b][];
    for (int i = 0; i < b; i++) {
      out[i] = Arrays.copyOfRange(seq[i], t0, t0 + steps);
    }
    return out;
  }
}
