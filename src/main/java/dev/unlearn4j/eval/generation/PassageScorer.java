package dev.unlearn4j.eval.generation;

import dev.unlearn4j.model.causal.CachedDecoder;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.Generator;
import dev.unlearn4j.util.NativeMemory;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Memorisation metrics of a causal model on fixed-length passages, batched: teacher-forced MA (one forward pass
 * per batch) and extraction likelihood EL_n from greedy continuations. For EL the key/value cache of the shortest
 * prompt is built once and extended token by token; each prompt length forks it, so a passage costs the tokens
 * generated (1,275 for ICU's variant on 200 tokens) rather than a fresh prompt each time.
 */
public final class PassageScorer {
  private PassageScorer() {}

  static final int BATCH = 16;

  /** MA of each passage (all of one length). */
  public static double[] memorisation(CausalLm lm, List<int[]> passages) {
    double[] out = new double[passages.size()];
    for (int first = 0; first < passages.size(); first += BATCH) {
      int[][] ids = passages.subList(first, Math.min(passages.size(), first + BATCH)).toArray(int[][]::new);
      int[][] argmax = lm.score(ids).argmax();
      for (int b = 0; b < ids.length; b++) {
        int[] aligned = new int[ids[b].length];                                  // aligned[t] predicts ids[t]
        System.arraycopy(argmax[b], 0, aligned, 1, argmax[b].length);
        out[first + b] = SequenceMetrics.memorisationAccuracy(ids[b], aligned);
      }
      NativeMemory.tick();
    }
    return out;
  }

  /**
   * EL_n of each passage with prompts x_{0:i} for i = start … T−1 (start 1: Jang et al.; T − 50 = 150: ICU).
   * Prompt lengths whose label is shorter than n generate nothing (they do not count).
   */
  public static double[] extraction(CausalLm lm, List<int[]> passages, int n, int start) {
    double[] out = new double[passages.size()];
    CachedDecoder dec = new CachedDecoder(lm);
    for (int first = 0; first < passages.size(); first += BATCH) {
      int[][] x = passages.subList(first, Math.min(passages.size(), first + BATCH)).toArray(int[][]::new);
      int b = x.length;
      int t = x[0].length;
      int[][][] cont = new int[b][t][];                                         // cont[row][i]: continuation
      CachedDecoder.Cache cache = dec.empty();
      INDArray logits = dec.append(cache, slice(x, 0, start));                  // [B, V]
      int[] all = new int[b];
      Arrays.setAll(all, r -> r);
      for (int i = start; i < t; i++) {
        if (t - i >= n) {
          int[][] g = Generator.continueGreedy(dec, cache.select(all), logits, t - i, -1);
          for (int r = 0; r < b; r++) {
            cont[r][i] = g[r];
          }
        }
        if (i + 1 < t) {
          logits = dec.append(cache, slice(x, i, i + 1));
        }
        NativeMemory.tick();
      }
      for (int r = 0; r < b; r++) {
        for (int i = start; i < t; i++) {
          cont[r][i] = cont[r][i] == null ? new int[0] : cont[r][i];
        }
        out[first + r] = ExtractionLikelihood.of(x[r], cont[r], n, start);
      }
    }
    return out;
  }

  /**
   * Last-word cloze accuracy: each item's context, cut to its last {@code contextTokens} model tokens, is followed by
   * the target's tokens; the teacher-forced argmax at the target positions is compared by {@link Cloze#correct}.
   * Items with a shorter context are skipped.
   */
  public static double cloze(CausalLm lm, dev.unlearn4j.model.TextTokenizer tok, List<Cloze.Item> items,
      int contextTokens) {
    java.util.Map<Integer, List<int[][]>> byTargetLength = new java.util.TreeMap<>();        // [context+target, target]
    for (Cloze.Item it : items) {
      int[] ctx = Arrays.stream(tok.ids(it.context())).mapToInt(x -> (int) x).toArray();
      int[] tgt = Arrays.stream(tok.ids(it.target())).mapToInt(x -> (int) x).toArray();
      if (ctx.length < contextTokens || tgt.length == 0 || contextTokens + tgt.length > lm.config().maxPositions()) {
        continue;
      }
      int[] seq = new int[contextTokens + tgt.length];
      System.arraycopy(ctx, ctx.length - contextTokens, seq, 0, contextTokens);
      System.arraycopy(tgt, 0, seq, contextTokens, tgt.length);
      byTargetLength.computeIfAbsent(tgt.length, k -> new java.util.ArrayList<>()).add(new int[][] {seq, tgt});
    }
    int correct = 0;
    int total = 0;
    for (var group : byTargetLength.entrySet()) {
      int m = group.getKey();
      List<int[][]> g = group.getValue();
      for (int first = 0; first < g.size(); first += BATCH) {
        List<int[][]> part = g.subList(first, Math.min(g.size(), first + BATCH));
        int[][] argmax = lm.score(part.stream().map(p -> p[0]).toArray(int[][]::new)).argmax();
        for (int b = 0; b < part.size(); b++) {
          int[] pred = Arrays.copyOfRange(argmax[b], contextTokens - 1, contextTokens - 1 + m);
          int[] tgt = part.get(b)[1];
          String target = tok.decode(Arrays.stream(tgt).asLongStream().toArray());
          String predicted = tok.decode(Arrays.stream(pred).asLongStream().toArray());
          correct += Cloze.correct(tgt, pred, target, predicted) ? 1 : 0;
          total++;
        }
        NativeMemory.tick();
      }
    }
    return total == 0 ? Double.NaN : (double) correct / total;
  }

  /** LOSS membership score of each passage: its mean teacher-forced negative log-likelihood. */
  public static double[] losses(CausalLm lm, List<int[]> passages) {
    double[] out = new double[passages.size()];
    for (int first = 0; first < passages.size(); first += BATCH) {
      int[][] ids = passages.subList(first, Math.min(passages.size(), first + BATCH)).toArray(int[][]::new);
      double[][] lp = lm.score(ids).logProbs();
      for (int b = 0; b < ids.length; b++) {
        out[first + b] = dev.unlearn4j.eval.privacy.MiaScores.loss(lp[b]);
      }
      NativeMemory.tick();
    }
    return out;
  }

  /**
   * Window-mean perplexity of a token stream over non-overlapping windows (metrics spec §7), 8 windows per
   * forward pass; a window's first token has no prediction.
   */
  public static double perplexity(CausalLm lm, int[] stream, int window) {
    int windows = stream.length / window;
    double[] nll = new double[windows * window];
    for (int first = 0; first < windows; first += 8) {
      int[][] batch = new int[Math.min(8, windows - first)][];
      for (int b = 0; b < batch.length; b++) {
        batch[b] = Arrays.copyOfRange(stream, (first + b) * window, (first + b + 1) * window);
      }
      CausalLm.TokenScores sc = lm.score(batch);
      for (int b = 0; b < batch.length; b++) {
        for (int t = 0; t < window - 1; t++) {
          nll[(first + b) * window + t + 1] = -sc.logProbs()[b][t];
        }
      }
      NativeMemory.tick();
    }
    return SequenceMetrics.perplexity(nll, window).windowed();
  }

  static int[][] slice(int[][] x, int from, int to) {
    int[][] out = new int[x.length][];
    for (int r = 0; r < x.length; r++) {
      out[r] = Arrays.copyOfRange(x[r], from, to);
    }
    return out;
  }

  public static double mean(double[] xs) {
    return Arrays.stream(xs).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
  }
}
