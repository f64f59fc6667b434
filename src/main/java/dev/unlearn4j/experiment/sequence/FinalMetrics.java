package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.eval.generation.Cloze;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.pretrain.PassagePool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The metrics of a sequence run computed once after training, besides the per-epoch check: cloze accuracy,
 * off-domain perplexity and Jang et al.'s EL, with the original model's values cached per forget set ({@link Memo});
 * shared by the runner and {@code unlearn eval}.
 */
final class FinalMetrics {
  private FinalMetrics() {}

  /** Computes a value, or reads it from the cache when it is the original model's. */
  interface Memo {
    /** Computes every time: a model no other run shares. */
    Memo NONE = (what, compute) -> compute.get();

    double[] get(String what, Supplier<double[]> compute);
  }

  /**
   * The original model's values, cached under what they depend on besides the model (the forget passages, n, the
   * cloze items and context): shared by every run and evaluation on this original and forget set.
   */
  static Memo originalMemo(PreparedCache cache, Path originalFile, PassageSets sets, SequenceEvalSpec ev,
      List<Cloze.Item> cloze) {
    List<String> inputs = inputs(forgetTokens(sets), ev.elN(), ev.clozeContext(), cloze);
    return (what, compute) -> cache.values(what, originalFile, inputs, compute);
  }

  /**
   * Cloze accuracy, membership inference (from the check) and, if asked, Jang et al.'s EL variant (19,855
   * generated tokens per passage; the original's value is computed once per forget set and cached).
   */
  static void extra(Map<String, Double> m, EpochCheck.Row row, CausalLm lm, PassageSets sets,
      SequenceEvalSpec ev, TextTokenizer tok, List<Cloze.Item> cloze, Memo memo) {
    if (!cloze.isEmpty()) {
      m.put("unseen.cloze_accuracy", memo.get("cloze", () -> new double[] {PassageScorer.cloze(lm, tok, cloze,
          ev.clozeContext())})[0]);
    }
    m.putAll(row.mia());
    if (!ev.offDomain().isEmpty()) {
      m.put(OFF_DOMAIN, offDomainPerplexity(lm, sets, ev, tok, memo));
    }
    if (ev.jangEl()) {
      m.put("forget.el_jang", jangEl(lm, sets, ev, memo));
    }
  }

  static final String OFF_DOMAIN = "offdomain.perplexity";
  /** Fixed, so every run on one original scores the same off-domain windows whatever its seed. */
  private static final long OFF_DOMAIN_SEED = 1961;

  /** Window-mean perplexity on {@code eval.offDomain}'s held-out windows of the passage length, through memo. */
  static double offDomainPerplexity(CausalLm lm, PassageSets sets, SequenceEvalSpec ev, TextTokenizer tok,
      Memo memo) {
    int length = sets.forget().get(0).tokens().length;
    return memo.get("offdomain-" + ev.offDomain() + "-" + ev.offDomainPassages() + "-" + length, () ->
        new double[] {PassageScorer.perplexity(PassageScorer.score(lm, OffDomain.passages(ev.offDomain(), tok,
            length, ev.offDomainPassages(), OFF_DOMAIN_SEED), 8))})[0];
  }

  /** Jang et al.'s EL_n of the forget set (prompts of every length from 1), through {@code memo}. */
  static double jangEl(CausalLm lm, PassageSets sets, SequenceEvalSpec ev, Memo memo) {
    return memo.get("el-jang", () -> new double[] {PassageScorer.mean(PassageScorer.extraction(lm,
        forgetTokens(sets), ev.elN(), 1))})[0];
  }

  /** What a cached value depends on besides the model: passages, settings and cloze items. */
  static List<String> inputs(List<int[]> passages, Object... settings) {
    List<String> in = new ArrayList<>(PreparedCache.tokens(passages));
    for (Object o : settings) {
      in.add(String.valueOf(o));
    }
    return in;
  }

  static List<int[]> forgetTokens(PassageSets sets) {
    return sets.forget().stream().map(PassagePool.Passage::tokens).toList();
  }
}
