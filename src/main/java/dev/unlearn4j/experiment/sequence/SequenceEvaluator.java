package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.catalog.Metrics;
import dev.unlearn4j.eval.generation.Cloze;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.RunDirectory;
import dev.unlearn4j.experiment.RunRecord;
import dev.unlearn4j.experiment.Summary;
import dev.unlearn4j.method.generative.ContinuationScorer;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.model.encoder.TokenVectors;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unlearn eval} for a sequence run or config: the run's (or any compatible) causal checkpoint on the
 * config's forget set and unseen passages — MA, EL (ICU variant, and Jang et al.'s when asked), continuation
 * BERTScore-F1 / BLEU / entropy, unseen perplexity, cloze accuracy and the four membership AUCs — written as
 * {@code summary.json} (values under {@code after}) with {@code provenance.json} (the hashes of the original and
 * the evaluated model). Only what {@code metrics} names is computed (all when it is
 * empty), so Jang et al.'s EL alone can be added to a finished run; with it, {@code before} holds the original
 * model's value, cached like a run's.
 */
public final class SequenceEvaluator {
  private static final String JANG = "forget.el_jang";
  private static final String CLOZE = "unseen.cloze_accuracy";

  private SequenceEvaluator() {}

  /**
   * @param config the run's {@code config.yaml}, or any sequence experiment config for a bare checkpoint (its
   *     original model's passages, forget set and eval settings); {@code overrides} as {@code --set KEY=VALUE}
   * @param modelDir the causal checkpoint to evaluate
   */
  public static Summary evaluate(Path config, List<String> overrides, Path modelDir, List<String> metrics,
      boolean jangEl, Path out) {
    SequenceExperiment exp = SequenceExperiment.resolve(ConfigLoader.readTree(config), overrides,
        config.toString());
    SequenceConfig cfg = exp.config();
    SequenceEvalSpec ev = cfg.eval();
    metrics.forEach(Metrics::requireSequence);
    if (Files.exists(out)) {
      throw new UnlearnException(out + ": output directory already exists");
    }
    RunRecord record = RunRecord.begin();
    OriginalModels.Original o = OriginalModels.obtain(cfg, List.of());
    CausalLm lm = CausalCheckpoint.load(modelDir);
    PassageSets sets = PassageSets.of(o.passages(), cfg.forgetSet(), ev, cfg.seed());
    Map<String, Double> m = new LinkedHashMap<>();
    Map<String, Double> before = new LinkedHashMap<>();
    boolean jang = metrics.isEmpty() ? jangEl : metrics.contains(JANG);
    boolean check = metrics.isEmpty() || metrics.stream().anyMatch(k -> !k.equals(JANG) && !k.equals(CLOZE)
        && !k.equals(FinalMetrics.OFF_DOMAIN));
    try (TextTokenizer tok = TextTokenizer.untruncated(modelDir.resolve("tokenizer.json"))) {
      if (check) {      // the run's own per-epoch check, once, on this model (no refinement, no stop rule)
        ContinuationScorer scorer = new ContinuationScorer(tok, new TokenVectors(ev.encoder(), ev.bertLayer(), 256),
            ev.layout(), 0);
        EpochCheck.Row row = new EpochCheck(lm, sets.forget(), scorer, null, false, false, null, ev.elN(),
            sets.unseenTokens(), null).check(0);
        m.putAll(row.forgetScores());
        m.put("unseen.perplexity", row.perplexity());
        m.putAll(row.mia());
      }
      List<Cloze.Item> cloze = sets.clozeItems(tok, ev, cfg.seed());
      if (!ev.offDomain().isEmpty() && (metrics.isEmpty() || metrics.contains(FinalMetrics.OFF_DOMAIN))) {
        m.put(FinalMetrics.OFF_DOMAIN, FinalMetrics.offDomainPerplexity(lm, sets, ev, tok,
            FinalMetrics.Memo.NONE));
      }
      if (metrics.isEmpty() || metrics.contains(CLOZE)) {
        m.put(CLOZE, PassageScorer.cloze(lm, tok, cloze, ev.clozeContext()));
      }
      if (jang) {
        m.put(JANG, FinalMetrics.jangEl(lm, sets, ev, FinalMetrics.Memo.NONE));
        // the original's value beside it, from the cache a run with eval.jangEl shares (once per forget set)
        PreparedCache cache = new PreparedCache(OriginalModels.cacheRoot(cfg.original()).resolve("prepared"));
        before.put(JANG, FinalMetrics.jangEl(CausalCheckpoint.load(o.checkpoint()), sets, ev, FinalMetrics
            .originalMemo(cache, o.checkpoint().resolve("model.safetensors"), sets, ev, cloze)));
      }
    }
    if (!metrics.isEmpty()) {
      m.keySet().retainAll(metrics);
    }
    Summary s = new Summary(cfg.name(), cfg.method().name(), "gpt-neo:" + o.key(), "planted-set-" + cfg.forgetSet(),
        cfg.seed(), before, m, Map.of(), Map.of("eval_s", record.elapsed()), RunRecord.peakMemory());
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("original-model", Sha256.of(o.checkpoint().resolve("model.safetensors")));
    inputs.put("evaluated-model", Sha256.of(modelDir.resolve("model.safetensors")));
    record.finish(RunDirectory.at(out), cfg.seed(), inputs, s, null);
    return s;
  }
}
