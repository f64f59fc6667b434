package dev.unlearn4j.eval.generation;

import dev.unlearn4j.eval.privacy.MiaScores;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.GptConfig;
import dev.unlearn4j.util.NativeMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Memorisation metrics of a causal model on fixed-length passages, batched: teacher-forced MA (one forward pass
 * per batch) and extraction likelihood EL_n from greedy continuations, generated for many prompt lengths at once
 * ({@link dev.unlearn4j.model.causal.GreedyForks}) and shared between them ({@link PromptContinuations}).
 */
public final class PassageScorer {
  private PassageScorer() {}

  static final int BATCH = 16;
  /**
   * Most cache rows of one extraction batch ({@link dev.unlearn4j.model.causal.GreedyForks}: one per passage and
   * prompt length): wide enough that a decoder call's fixed cost is shared by hundreds of rows.
   */
  static final int FORK_ROWS = 256;
  /** The budget of one extraction batch's key/value cache, and of one scoring pass's vocabulary-sized arrays. */
  static final long FORK_CACHE_BYTES = 1L << 30;
  static final long SCORE_BYTES = 256L << 20;

  /**
   * Extraction rows for passages of {@code length} tokens: {@link #FORK_ROWS}, fewer where their key/value cache
   * would exceed {@link #FORK_CACHE_BYTES} — 0.8 MB a row in the {@code small} preset (256 rows), 14.7 MB in
   * GPT-Neo-125M (72 rows; at the paper's 128 passages 256 rows would hold 3.8 GB of cache).
   */
  static int forkRows(GptConfig c, int length) {
    long perRow = 2L * c.layers() * length * c.hidden() * Float.BYTES;                 // keys and values, fp32
    return (int) Math.max(1, Math.min(FORK_ROWS, FORK_CACHE_BYTES / perRow));
  }

  /**
   * Passages per scoring pass: at most {@code batch}, fewer where one [B·T, V] array would exceed {@link
   * #SCORE_BYTES} (scoring holds four): 16 in the {@code small} preset, 6 at GPT-Neo-125M's 50,257 tokens.
   */
  static int scoreRows(GptConfig c, int length, int batch) {
    long perRow = (long) length * c.vocabSize() * Float.BYTES;
    return (int) Math.max(1, Math.min(batch, SCORE_BYTES / perRow));
  }

  /**
   * Teacher-forced log-probabilities and argmax of every passage, at most {@code batch} passages per forward pass
   * ({@link #scoreRows}).
   */
  public static CausalLm.TokenScores score(CausalLm lm, List<int[]> passages, int batch) {
    int n = passages.size();
    double[][] logProbs = new double[n][];
    int[][] argmax = new int[n][];
    double[][] mean = new double[n][];
    double[][] std = new double[n][];
    int rows = n == 0 ? batch : scoreRows(lm.config(), passages.get(0).length, batch);
    for (int first = 0; first < n; first += rows) {
      int[][] ids = passages.subList(first, Math.min(n, first + rows)).toArray(int[][]::new);
      CausalLm.TokenScores s = lm.score(ids);
      System.arraycopy(s.logProbs(), 0, logProbs, first, ids.length);
      System.arraycopy(s.argmax(), 0, argmax, first, ids.length);
      System.arraycopy(s.mean(), 0, mean, first, ids.length);
      System.arraycopy(s.std(), 0, std, first, ids.length);
      NativeMemory.tick();
    }
    return new CausalLm.TokenScores(logProbs, argmax, mean, std);
  }

  /** MA of each passage (all of one length). */
  public static double[] memorisation(CausalLm lm, List<int[]> passages) {
    return memorisation(passages, score(lm, passages, BATCH));
  }

  /** MA of each passage from its teacher-forced scores. */
  public static double[] memorisation(List<int[]> passages, CausalLm.TokenScores s) {
    double[] out = new double[passages.size()];
    for (int b = 0; b < out.length; b++) {
      int[] aligned = new int[passages.get(b).length];                           // aligned[t] predicts ids[t]
      System.arraycopy(s.argmax()[b], 0, aligned, 1, s.argmax()[b].length);
      out[b] = SequenceMetrics.memorisationAccuracy(passages.get(b), aligned);
    }
    return out;
  }

  /**
   * Prompt lengths per extraction batch. A batch decodes from its shortest prompt on, and its longer prompts' rows
   * read their passage until their prompt ends, so a narrow band repeats less of that reading while the batch stays
   * wide by taking more passages. Results do not depend on the band: each row decodes as its own greedy
   * continuation would.
   */
  public static final int BAND = 8;

  /**
   * EL_n of each passage with prompts x_{0:i} for i = start … T−1 (start 1: Jang et al.; T − 50 = 150: ICU).
   * Prompt lengths whose label is shorter than n generate nothing (they do not count).
   */
  public static double[] extraction(CausalLm lm, List<int[]> passages, int n, int start) {
    return extraction(lm, passages, n, start, BAND);
  }

  /** {@link #extraction(CausalLm, List, int, int)} with {@code band} prompt lengths per batch. */
  public static double[] extraction(CausalLm lm, List<int[]> passages, int n, int start, int band) {
    return passages.isEmpty() ? new double[0]
        : extraction(lm, passages, score(lm, passages, BATCH).argmax(), n, start, band);
  }

  /**
   * {@link #extraction(CausalLm, List, int, int)} given the passages' teacher-forced argmax (from {@link #score}),
   * which proposes the prompts whose continuations are shared ({@link PromptContinuations}).
   */
  public static double[] extraction(CausalLm lm, List<int[]> passages, int[][] argmax, int n, int start, int band) {
    double[] out = new double[passages.size()];
    if (passages.isEmpty()) {
      return out;
    }
    int t = passages.get(0).length;
    int last = t - n;                                            // longer prompts leave labels shorter than n
    int[][][] cont = PromptContinuations.of(lm, passages, argmax, start, last, band, forkRows(lm.config(), t))
        .cont();
    for (int b = 0; b < out.length; b++) {
      for (int i = start; i < t; i++) {
        cont[b][i] = cont[b][i] == null ? new int[0] : cont[b][i];
      }
      out[b] = ExtractionLikelihood.of(passages.get(b), cont[b], n, start);
    }
    return out;
  }

  /**
   * Last-word cloze accuracy: each item's context, cut to its last {@code contextTokens} model tokens, is followed by
   * the target's tokens; the teacher-forced argmax at the target positions is compared by {@link Cloze#correct}.
   * Items with a shorter context are skipped.
   */
  public static double cloze(CausalLm lm, TextTokenizer tok, List<Cloze.Item> items,
      int contextTokens) {
    Map<Integer, List<int[][]>> byTargetLength = new TreeMap<>();        // [context+target, target]
    for (Cloze.Item it : items) {
      int[] ctx = Arrays.stream(tok.ids(it.context())).mapToInt(x -> (int) x).toArray();
      int[] tgt = Arrays.stream(tok.ids(it.target())).mapToInt(x -> (int) x).toArray();
      if (ctx.length < contextTokens || tgt.length == 0 || contextTokens + tgt.length > lm.config().maxPositions()) {
        continue;
      }
      int[] seq = new int[contextTokens + tgt.length];
      System.arraycopy(ctx, ctx.length - contextTokens, seq, 0, contextTokens);
      System.arraycopy(tgt, 0, seq, contextTokens, tgt.length);
      byTargetLength.computeIfAbsent(tgt.length, k -> new ArrayList<>()).add(new int[][] {seq, tgt});
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
          String target = tok.decode(tgt);
          String predicted = tok.decode(pred);
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
    return losses(score(lm, passages, BATCH));
  }

  public static double[] losses(CausalLm.TokenScores s) {
    return Arrays.stream(s.logProbs()).mapToDouble(MiaScores::loss).toArray();
  }

  /**
   * Window-mean perplexity of a token stream over non-overlapping windows (metrics spec §7), 8 windows per
   * forward pass.
   */
  public static double perplexity(CausalLm lm, int[] stream, int window) {
    List<int[]> windows = new ArrayList<>();
    for (int w = 0; w + window <= stream.length; w += window) {
      windows.add(Arrays.copyOfRange(stream, w, w + window));
    }
    return perplexity(score(lm, windows, 8));
  }

  /** Window-mean perplexity from the teacher-forced scores of equal-length windows. */
  public static double perplexity(CausalLm.TokenScores windows) {
    if (windows.logProbs().length == 0) {
      return Double.NaN;                                               // no complete window
    }
    int window = windows.logProbs()[0].length + 1;
    double[] nll = new double[windows.logProbs().length * window];
    for (int b = 0; b < windows.logProbs().length; b++) {
      for (int t = 0; t < window - 1; t++) {
        nll[b * window + t + 1] = -windows.logProbs()[b][t];            // a window's first token: no prediction
      }
    }
    return SequenceMetrics.perplexity(nll, window).windowed();
  }

  public static double mean(double[] xs) {
    return Arrays.stream(xs).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
  }
}
