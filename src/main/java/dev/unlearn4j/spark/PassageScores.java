package dev.unlearn4j.spark;

import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.eval.privacy.MembershipAttacks;
import dev.unlearn4j.eval.privacy.MiaScores;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.util.UnlearnException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memorisation and membership scores of a causal model's passages, one batch at a time: what {@code unlearn scan}
 * computes per record. The scan's executors call {@link #score} on batches cut from the records' order, so a record
 * gets the same value on any number of executors as in one JVM.
 */
public final class PassageScores {
  private PassageScores() {}

  /**
   * Per record: teacher-forced mean NLL ({@code loss}), memorisation accuracy ({@code ma}), extraction likelihood
   * EL_n with ICU's prompts (from T − 50) and Jang et al.'s (from 1), and the zlib and min-k%++ membership scores.
   */
  public static final List<String> METRICS = List.of("loss", "ma", "el_icu", "el_jang", "zlib", "minkpp");

  /** One record: its position in the input, its id and its tokens (all records of a scan share one length). */
  public record Passage(long index, String id, int[] tokens) implements Serializable {}

  /** A record's scores, by metric name in {@link #METRICS} order. */
  public record Scored(long index, String id, Map<String, Double> values) {}

  /** Fails with the unknown name when {@code metrics} is not a subset of {@link #METRICS}. */
  public static List<String> check(List<String> metrics) {
    for (String m : metrics) {
      if (!METRICS.contains(m)) {
        throw new UnlearnException("--metrics: unknown metric '" + m + "'; known: " + METRICS);
      }
    }
    return METRICS.stream().filter(metrics::contains).toList();
  }

  /**
   * @param batch passages of one length, scored together
   * @param elN the n of EL_n (10 in ICU and Jang et al.)
   */
  public static List<Scored> score(CausalLm lm, TextTokenizer tok, List<Passage> batch, List<String> metrics,
      int elN) {
    List<int[]> tokens = batch.stream().map(Passage::tokens).toList();
    CausalLm.TokenScores s = PassageScorer.score(lm, tokens, batch.size());
    int t = tokens.isEmpty() ? 0 : tokens.get(0).length;
    Map<String, double[]> by = new LinkedHashMap<>();
    if (metrics.contains("ma")) {
      by.put("ma", PassageScorer.memorisation(tokens, s));
    }
    if (metrics.contains("el_icu")) {        // ICU's prompts: the last 50 positions (all of a passage under 51)
      by.put("el_icu", PassageScorer.extraction(lm, tokens, s.argmax(), elN, Math.max(1, t - 50),
          PassageScorer.BAND));
    }
    if (metrics.contains("el_jang")) {
      by.put("el_jang", PassageScorer.extraction(lm, tokens, s.argmax(), elN, 1, PassageScorer.BAND));
    }
    List<Scored> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Map<String, Double> v = new LinkedHashMap<>();
      for (String m : metrics) {
        v.put(m, switch (m) {
          case "loss" -> MiaScores.loss(s.logProbs()[i]);
          case "zlib" -> MiaScores.zlib(s.logProbs()[i], tok.decode(tokens.get(i)));
          case "minkpp" -> MiaScores.minKPlusPlus(s.logProbs()[i], s.mean()[i], s.std()[i], MembershipAttacks.K);
          default -> by.get(m)[i];
        });
      }
      out.add(new Scored(batch.get(i).index(), batch.get(i).id(), v));
    }
    return out;
  }
}
