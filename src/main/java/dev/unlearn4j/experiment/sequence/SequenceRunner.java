package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.eval.generation.Cloze;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.Memory;
import dev.unlearn4j.experiment.Provenance;
import dev.unlearn4j.experiment.RunDirectory;
import dev.unlearn4j.experiment.RunInputs;
import dev.unlearn4j.experiment.Summary;
import dev.unlearn4j.experiment.TrainLog;
import dev.unlearn4j.method.generative.ContinuationScorer;
import dev.unlearn4j.method.generative.F1Calibration;
import dev.unlearn4j.method.generative.Refinement;
import dev.unlearn4j.method.generative.SequenceMethod;
import dev.unlearn4j.model.TextTokenizer;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.model.encoder.EncoderBundle;
import dev.unlearn4j.model.encoder.TokenVectors;
import dev.unlearn4j.pretrain.PassagePool;
import dev.unlearn4j.train.TrainingCheckpoints;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.Seeds;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sequence experiment end to end: original model (cached) → forget set, analogues and thresholds → check
 * at epoch 0 → unlearning with per-epoch checks and refinement → final metrics → run directory (config.yaml,
 * refinement_log.csv, train_log.csv, metrics.csv, report.md, provenance.json, the unlearned model/, and
 * summary.json last).
 */
public final class SequenceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SequenceRunner.class);

  private final List<TrainingListener> extraListeners;

  public SequenceRunner(List<TrainingListener> extraListeners) {
    this.extraListeners = List.copyOf(extraListeners);
  }

  /** What a finished run produced. */
  public record Result(Path runDir, Summary summary, String stopRule, int epochs) {}

  public Result run(SequenceExperiment exp, String runId) {
    SequenceConfig cfg = exp.config();
    RunDirectory.requireFree(Path.of(cfg.output()), cfg.name(), runId);        // before an hour of pretraining
    return execute(exp, () -> {
      RunDirectory run = RunDirectory.create(Path.of(cfg.output()), cfg.name(), runId, cfg.seed());
      run.writeString(RunDirectory.CONFIG, exp.yaml());
      return run;
    }, false);
  }

  /**
   * Continues an interrupted run in its own directory from its saved checks and training checkpoint; the same
   * summary and per-passage metrics as an uninterrupted run (CPU, same seed).
   */
  public Result resume(Path runDir) {
    RunDirectory run = RunDirectory.unfinished(runDir);
    Path config = run.file(RunDirectory.CONFIG);
    SequenceExperiment exp = SequenceExperiment.resolve(ConfigLoader.readTree(config), List.of(), config.toString());
    LOG.info("resuming {}", runDir);
    return execute(exp, () -> run, true);
  }

  private Result execute(SequenceExperiment exp, Supplier<RunDirectory> runDirectory, boolean resume) {
    SequenceConfig cfg = exp.config();
    SequenceEvalSpec ev = cfg.eval();
    Seeds.seedNd4j(cfg.seed());
    String start = Instant.now().toString();
    long t0 = System.nanoTime();
    Map<String, Double> timing = new LinkedHashMap<>();

    long t = System.nanoTime();
    OriginalModels.Original o = OriginalModels.obtain(cfg, extraListeners);
    timing.put("original_s", seconds(t));
    CausalLm original = CausalCheckpoint.load(o.checkpoint());
    Path tokFile = o.checkpoint().resolve("tokenizer.json");
    PassageSets sets = PassageSets.of(o.passages(), cfg.forgetSet(), ev, cfg.seed());
    int longest = o.passages().stream().mapToInt(p -> p.tokens().length).max().orElse(0);
    if (longest > original.config().maxPositions()) {
      throw new UnlearnException(o.checkpoint() + ": passages of " + longest
          + " tokens exceed the model's " + original.config().maxPositions() + " positions");
    }
    RunDirectory run = runDirectory.get();                // inputs checked: only now does a new run directory appear
    RunInputs.recordOrCheck(run, RunInputs.ofValues(o.checkpoint().toString(), cfg.passages().pool(),
        cfg.passages().forget(), cfg.passages().unseen(), ev.encoder()), resume);
    TrainingCheckpoints ckpt = new TrainingCheckpoints(run.file(RunDirectory.CHECKPOINTS), cfg.checkpointEvery());
    try (TextTokenizer tok = TextTokenizer.untruncated(tokFile)) {
      t = System.nanoTime();
      EncoderBundle encoder = EncoderBundle.open(ev.encoder(), null);                 // read once, used twice
      TokenVectors bert = new TokenVectors(encoder, ev.encoder(), ev.bertLayer(), 256);
      Path originalFile = o.checkpoint().resolve("model.safetensors");
      PreparedCache cache = new PreparedCache(OriginalModels.cacheRoot(cfg.original()).resolve("prepared"));
      List<PassagePool.Passage> analogues = Analogues.nearest(sets.forget(), sets.candidates(), tok,
          new TokenVectors(encoder, ev.encoder(), 0, 256), ev.layout(), cache, ev.encoder());
      int len = sets.forget().get(0).tokens().length;
      int elStart = len - ev.layout().suffixLength();
      EpochCheck.Thresholds th = "paper".equals(ev.thresholds())
          ? new EpochCheck.Thresholds(SequenceEvalSpec.PAPER_MA, SequenceEvalSpec.PAPER_EL)
          : thresholds(cache.values("thresholds", originalFile, inputs(sets.unseenTokens(), ev.elN(), elStart),
              () -> new double[] {PassageScorer.mean(PassageScorer.memorisation(original, sets.unseenTokens())),
                  PassageScorer.mean(PassageScorer.extraction(original, sets.unseenTokens(), ev.elN(), elStart))}));
      timing.put("prepare_s", seconds(t));
      LOG.info("forget set {}: {} passages; thresholds MA {} EL {} ({})", cfg.forgetSet(), sets.forget().size(),
          th.ma(), th.el(), ev.thresholds());

      SequenceMethod method = exp.method();
      CausalLm model = (CausalLm) original.copy();
      Refinement refinement = method.refines() ? new Refinement(method.refinement(),
          sets.forget().stream().map(PassagePool.Passage::id).toList()) : null;
      ContinuationScorer scorer = new ContinuationScorer(tok, bert, ev.layout(), 0);
      EpochCheck check = new EpochCheck(model, sets.forget(), scorer, refinement, ev.calibrateF1(),
          method.stopsWhenNothingFlagged(), th, ev.elN(), sets.unseenTokens(), run.file(RunDirectory.CHECKPOINTS));
      // the original's check is the same for every method on this forget set: computed by the first run, then read
      // (v2: with the F1 calibration of every continuation against 8 other suffixes)
      List<String> checkInputs = inputs(forgetTokens(sets), ev.checkKey(), Sha256.of(tokFile));
      checkInputs.add("check-before/v2");
      checkInputs.addAll(PreparedCache.tokens(sets.unseenTokens()));
      sets.forget().forEach(p -> checkInputs.add(p.id()));
      EpochCheck.Row before = check.before(compute -> cache.object("check-before", originalFile, checkInputs,
          EpochCheck.Before.class, compute));

      List<TrainingListener> listeners = new ArrayList<>(extraListeners);
      if (refinement != null) {
        listeners.add(refinement);
      }
      listeners.add(check);
      TrainSpec schedule = method.schedule(null);
      t = System.nanoTime();
      try (TrainLog log = new TrainLog(run.file(RunDirectory.TRAIN_LOG), resume)) {
        listeners.add(log);
        new Trainer(listeners).withCheckpoints(ckpt).fit("unlearn", model, method.objective(original),
            method.plan(schedule), schedule, examples(sets.forget(), ""), examples(analogues, "analogue:"),
            cfg.seed());
      }
      double unlearnS = seconds(t);
      EpochCheck.Row after = check.rows().get(check.rows().size() - 1);
      int epochs = after.epoch();
      timing.put("unlearn_s", unlearnS);
      timing.put("check_s", check.firstSeconds());

      Map<String, Double> b = metrics(before, th);
      F1Calibration cal = check.calibration();
      b.put("calibration.f1_own", cal.trueMean());
      b.put("calibration.f1_mismatched", cal.mismatchedMean());
      b.put("calibration.f1_mismatched_p95", cal.mismatchedP95());
      b.put("calibration.own_above_p95", cal.trueAboveP95());
      if (refinement != null) {
        b.put("refinement.f1_threshold", refinement.thresholds().f1());
      }
      Map<String, Double> a = metrics(after, th);
      t = System.nanoTime();
      List<Cloze.Item> cloze = sets.clozeItems(tok, ev, cfg.seed());
      extra(b, before, original, sets, ev, tok, cloze, originalMemo(cache, originalFile, sets, ev, cloze));
      extra(a, after, model, sets, ev, tok, cloze, Memo.NONE);
      timing.put("final_eval_s", seconds(t));
      if (ev.relearn().enabled()) {
        t = System.nanoTime();
        a.putAll(relearn(original, model, sets, analogues, ev, tok, encoder, cache, elStart, cfg.seed()));
        timing.put("relearn_s", seconds(t));
      }
      a.put("epochs", (double) epochs);
      timing.put("total_s", seconds(t0));
      Map<String, Long> memory = new LinkedHashMap<>();
      memory.put("peak_heap_bytes", Memory.peakHeapBytes());
      memory.put("peak_rss_bytes", Memory.peakRssBytes());
      Summary summary = new Summary(cfg.name(), cfg.method().name(), "gpt-neo:" + o.key(), "planted-set-"
          + cfg.forgetSet(), cfg.seed(), b, a, Map.of(), timing, memory);

      CausalCheckpoint.save(model, tokFile, run.file("model"));
      Map<String, String> inputs = new LinkedHashMap<>(RunInputs.read(run));
      String originalSha = inputs.get(RunInputs.key(originalFile));         // hashed when the run started
      inputs.put("original-model", originalSha != null ? originalSha : Sha256.of(originalFile));
      inputs.put("unlearned-model", Sha256.of(run.file("model").resolve("model.safetensors")));
      inputs.put("forget-passage-ids", Sha256.of(String.join("\n", sets.forget().stream()
          .map(PassagePool.Passage::id).toList()).getBytes(StandardCharsets.UTF_8)));
      Provenance prov = Provenance.of(cfg.seed(), start, Instant.now().toString(), inputs);
      SequenceOutputs.write(run, summary, prov, check, sets, analogues, check.firstPerPassage(),
          check.firstContinuations(), ev.samples(), check.stopRule());
      ckpt.deleteAll();
      return new Result(run.path(), summary, check.stopRule(), epochs);
    }
  }

  /** The relearning attack on a copy of the unlearned model and, as the baseline, of the original. */
  private static Map<String, Double> relearn(CausalLm original, CausalLm model, PassageSets sets,
      List<PassagePool.Passage> analogues, SequenceEvalSpec ev, TextTokenizer tok, EncoderBundle encoder,
      PreparedCache cache, int elStart, long seed) {
    List<PassagePool.Passage> unseenRelated = ev.relearn().related() ? Analogues.nearest(sets.unseen(),
        sets.candidates(), tok, new TokenVectors(encoder, ev.encoder(), 0, 256), ev.layout(), cache, ev.encoder())
        : List.of();
    SequenceRelearn.Data data = SequenceRelearn.data(ev.relearn(), sets.forget(), analogues, sets.unseen(),
        unseenRelated, seed);
    return SequenceRelearn.run(original, model, data, ev.relearn(), ev.elN(), elStart, Seeds.derive(seed,
        "relearn"));
  }

  private static Map<String, Double> metrics(EpochCheck.Row r, EpochCheck.Thresholds th) {
    Map<String, Double> m = r.forgetScores();
    m.put("forget.flagged", (double) r.flagged());
    m.put("unseen.perplexity", r.perplexity());
    m.put("threshold.ma", th.ma());
    m.put("threshold.el_icu", th.el());
    return m;
  }

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
  private static void extra(Map<String, Double> m, EpochCheck.Row row, CausalLm lm, PassageSets sets,
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

  private static EpochCheck.Thresholds thresholds(double[] maEl) {
    return new EpochCheck.Thresholds(maEl[0], maEl[1]);
  }

  /** What a cached value depends on besides the model: passages, settings and cloze items. */
  private static List<String> inputs(List<int[]> passages, Object... settings) {
    List<String> in = new ArrayList<>(PreparedCache.tokens(passages));
    for (Object o : settings) {
      in.add(String.valueOf(o));
    }
    return in;
  }

  static List<int[]> forgetTokens(PassageSets sets) {
    return sets.forget().stream().map(PassagePool.Passage::tokens).toList();
  }

  private static List<Example> examples(List<PassagePool.Passage> ps, String prefix) {
    return IntStream.range(0, ps.size()).mapToObj(i -> Example.ofTokens(prefix + ps.get(i).id()
        + (prefix.isEmpty() ? "" : "#" + i), ps.get(i).tokens())).toList();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
