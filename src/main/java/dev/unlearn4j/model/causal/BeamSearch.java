package dev.unlearn4j.model.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Beam search as Hugging Face {@code generate(num_beams = k)} runs it without sampling (the {@code BeamSearchScorer}
 * of transformers 4.4x, {@code early_stopping = False}): per prompt, k beams start from the prompt (only the first
 * counts at step one); each step ranks the 2k best (beam, token) extensions by summed log-probability; an EOS
 * among the first k ends a hypothesis (scored sum / generated-length^penalty, EOS counted), other extensions fill
 * the k beams in rank order; a prompt is done when k hypotheses exist and none of the live beams can beat the
 * worst of them. At the end the live beams join the hypotheses and the best one is returned, followed by EOS and
 * padded with EOS (pad = eos, as in ICU) to {@code maxNew} tokens.
 */
public final class BeamSearch {
  private BeamSearch() {}

  /** One finished hypothesis: generated tokens (EOS excluded) and its length-normalised score. */
  private record Hyp(int[] tokens, double score) {}

  /**
   * @param prompts [B][T] prompts of equal length
   * @param beams beam width k ≥ 1
   * @param lengthPenalty exponent of the length normalisation (1.0 in Hugging Face and ICU)
   * @param eos end-of-sequence and padding id, or −1 for none
   * @return [B][maxNew capped by the positions] generated tokens
   */
  public static int[][] generate(CausalLm lm, int[][] prompts, int maxNew, int beams, double lengthPenalty,
      int eos) {
    int b = prompts.length;
    int steps = Generator.steps(lm, prompts, maxNew);
    CachedDecoder dec = new CachedDecoder(lm);
    CachedDecoder.Cache cache = dec.empty(Math.max(1, prompts[0].length + steps));
    INDArray logits = dec.append(cache, prompts);                                       // [B, V]
    int[] rep = new int[b * beams];
    for (int r = 0; r < rep.length; r++) {
      rep[r] = r / beams;
    }
    cache = cache.select(rep);
    logits = logits.getRows(rep);                                                       // [B·k, V]
    double[] beamScore = new double[b * beams];
    int[][] seq = new int[b * beams][0];
    for (int r = 0; r < beamScore.length; r++) {
      beamScore[r] = r % beams == 0 ? 0 : -1e9;            // identical beams: only the first may extend at first
    }
    List<List<Hyp>> hyps = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      hyps.add(new ArrayList<>());
    }
    boolean[] done = new boolean[b];
    for (int s = 0; s < steps; s++) {
      double[][] logp = logSoftmax(logits.toDoubleMatrix());
      int[] src = new int[b * beams];
      int[] tok = new int[b * beams];
      double[] next = new double[b * beams];
      for (int i = 0; i < b; i++) {
        if (done[i]) {
          for (int j = 0; j < beams; j++) {
            src[i * beams + j] = i * beams;
            tok[i * beams + j] = Math.max(eos, 0);
          }
          continue;
        }
        double[] val = new double[2 * beams];
        long[] top = topK(logp, beamScore, i, beams, val);                              // flat j·V + v, best first
        int v = logp[0].length;
        int filled = 0;
        for (int rank = 0; rank < top.length && filled < beams; rank++) {
          int j = (int) (top[rank] / v);
          int t = (int) (top[rank] % v);
          int row = i * beams + j;
          double score = val[rank];
          if (t == eos) {
            if (rank < beams) {
              add(hyps.get(i), new Hyp(seq[row], score / Math.pow(s + 1, lengthPenalty)), beams);
            }
          } else {
            src[i * beams + filled] = row;
            tok[i * beams + filled] = t;
            next[i * beams + filled] = score;
            filled++;
          }
        }
        done[i] = hyps.get(i).size() >= beams && worst(hyps.get(i)) >= val[0] / Math.pow(s + 1, lengthPenalty);
      }
      int[][] grown = new int[b * beams][];
      int[][] step = new int[b * beams][1];
      for (int r = 0; r < grown.length; r++) {
        grown[r] = Generator.concat(seq[src[r]], new int[] {tok[r]});
        step[r][0] = tok[r];
      }
      seq = grown;
      beamScore = next;
      boolean all = true;
      for (boolean d : done) {
        all &= d;
      }
      if (all) {
        break;
      }
      if (s + 1 < steps) {
        cache = cache.select(src);
        logits = dec.append(cache, step);
      }
    }
    int[][] out = new int[b][steps];
    for (int i = 0; i < b; i++) {
      if (!done[i]) {
        for (int j = 0; j < beams; j++) {
          int row = i * beams + j;
          add(hyps.get(i), new Hyp(seq[row], beamScore[row] / Math.pow(seq[row].length, lengthPenalty)), beams);
        }
      }
      Hyp best = hyps.get(i).get(0);
      for (Hyp h : hyps.get(i)) {
        best = h.score() >= best.score() ? h : best;        // ties: the later one, as a stable sort + pop gives
      }
      Arrays.fill(out[i], Math.max(eos, 0));
      System.arraycopy(best.tokens(), 0, out[i], 0, Math.min(steps, best.tokens().length));
    }
    return out;
  }

  /** Keeps the k best hypotheses of a prompt. */
  private static void add(List<Hyp> list, Hyp h, int k) {
    if (list.size() < k || h.score() > worst(list)) {
      list.add(h);
      if (list.size() > k) {
        Hyp w = list.get(0);
        for (Hyp x : list) {
          w = x.score() < w.score() ? x : w;
        }
        list.remove(w);
      }
    }
  }

  private static double worst(List<Hyp> list) {
    return list.stream().mapToDouble(Hyp::score).min().orElse(Double.POSITIVE_INFINITY);
  }

  /**
   * Flat indices j·V + v of the n = val.length largest beamScore[row] + logp[row][v] over the k beams of prompt i,
   * best first; their values go to {@code val}.
   */
  private static long[] topK(double[][] logp, double[] beamScore, int i, int k, double[] val) {
    int v = logp[0].length;
    int n = val.length;
    if (n > k * v) {
      throw new IllegalArgumentException(k + " beams need a vocabulary of at least " + n + " tokens");
    }
    long[] best = new long[n];
    Arrays.fill(val, Double.NEGATIVE_INFINITY);
    Arrays.fill(best, -1);
    for (int j = 0; j < k; j++) {
      int row = i * k + j;
      for (int t = 0; t < v; t++) {
        double x = beamScore[row] + logp[row][t];
        if (x > val[n - 1]) {                              // strict: on ties the lower index keeps its place
          int at = n - 1;
          while (at > 0 && x > val[at - 1]) {
            val[at] = val[at - 1];
            best[at] = best[at - 1];
            at--;
          }
          val[at] = x;
          best[at] = (long) j * v + t;
        }
      }
    }
    return best;
  }

  private static double[][] logSoftmax(double[][] rows) {
    for (double[] row : rows) {
      double max = Arrays.stream(row).max().orElse(0);
      double z = 0;
      for (double x : row) {
        z += Math.exp(x - max);
      }
      double log = max + Math.log(z);
      for (int t = 0; t < row.length; t++) {
        row[t] -= log;
      }
    }
    return rows;
  }
}
