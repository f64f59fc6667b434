package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.eval.generation.Cloze;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.RunDirectory;
import dev.unlearn4j.experiment.RunInputs;
import dev.unlearn4j.experiment.RunRecord;
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
import dev.unlearn4j.train.StopRule;
import dev.unlearn4j.train.TrainingCheckpoints;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.Seeds;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    RunRecord record = RunRecord.begin();
    Map<String, Double> timing = new LinkedHashMap<>();

    long t = System.nanoTime();
    OriginalModels.Original o = OriginalModels.obtain(cfg, extraListeners);
    timing.put("original_s", RunRecord.secondsSince(t));
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
      EpochCheck.Thresholds th = thresholds(ev, cache, originalFile, original, sets, elStart);
      timing.put("prepare_s", RunRecord.secondsSince(t));
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
      EpochCheck.Row before = check.before(compute -> cache.object("check-before", originalFile,
          checkInputs(sets, ev, tokFile), EpochCheck.Before.class, compute));

      List<TrainingListener> listeners = new ArrayList<>(extraListeners);
      if (refinement != null) {
        listeners.add(refinement);
      }
      listeners.add(check);
      listeners.add(StopRule.afterEpochs(state -> check.rule()));     // after the check: tests the row it adds
      TrainSpec schedule = method.schedule(null);
      t = System.nanoTime();
      try (TrainLog log = new TrainLog(run.file(RunDirectory.TRAIN_LOG), resume)) {
        listeners.add(log);
        new Trainer(listeners).withCheckpoints(ckpt).fit("unlearn", model, method.objective(original),
            method.plan(schedule), schedule, examples(sets.forget(), ""), examples(analogues, "analogue:"),
            cfg.seed());
      }
      double unlearnS = RunRecord.secondsSince(t);
      EpochCheck.Row after = check.rows().get(check.rows().size() - 1);
      int epochs = after.epoch();
      timing.put("unlearn_s", unlearnS);
      timing.put("check_s", check.firstSeconds());

      Map<String, Double> b = metrics(before, th);
      b.putAll(calibration(check.calibration(), refinement));
      Map<String, Double> a = metrics(after, th);
      t = System.nanoTime();
      List<Cloze.Item> cloze = sets.clozeItems(tok, ev, cfg.seed());
      FinalMetrics.extra(b, before, original, sets, ev, tok, cloze, FinalMetrics.originalMemo(cache, originalFile,
          sets, ev, cloze));
      FinalMetrics.extra(a, after, model, sets, ev, tok, cloze, FinalMetrics.Memo.NONE);
      timing.put("final_eval_s", RunRecord.secondsSince(t));
      if (ev.relearn().enabled()) {
        t = System.nanoTime();
        a.putAll(relearn(original, model, sets, analogues, ev, tok, encoder, cache, originalFile, elStart,
            cfg.seed()));
        timing.put("relearn_s", RunRecord.secondsSince(t));
      }
      a.put("epochs", (double) epochs);
      timing.put("total_s", record.elapsed());
      Summary summary = new Summary(cfg.name(), cfg.method().name(), "gpt-neo:" + o.key(), "planted-set-"
          + cfg.forgetSet(), cfg.seed(), b, a, Map.of(), timing, RunRecord.peakMemory());

      String unlearnedSha = RunRecord.saveModel(run, dir -> CausalCheckpoint.save(model, tokFile, dir));
      SequenceOutputs.write(run, check, sets, analogues);
      record.finish(run, cfg.seed(), inputs(run, originalFile, unlearnedSha, sets), summary,
          prov -> SequenceOutputs.report(summary, prov, check, ev.samples()));
      ckpt.deleteAll();
      return new Result(run.path(), summary, check.stopRule(), epochs);
    }
  }

  /** The run's inputs as recorded when it started, with the hashes of both models and of the forget list. */
  private static Map<String, String> inputs(RunDirectory run, Path originalFile, String unlearnedSha,
      PassageSets sets) {
    Map<String, String> inputs = new LinkedHashMap<>(RunInputs.read(run));
    String originalSha = inputs.get(RunInputs.key(originalFile));           // hashed when the run started
    inputs.put("original-model", originalSha != null ? originalSha : Sha256.of(originalFile));
    inputs.put("unlearned-model", unlearnedSha);
    inputs.put("forget-passage-ids", Sha256.of(String.join("\n", sets.forget().stream()
        .map(PassagePool.Passage::id).toList()).getBytes(StandardCharsets.UTF_8)));
    return inputs;
  }

  /**
   * The relearning attack on a copy of the unlearned model and, as the baseline, of the original; the original's
   * values are cached with its other prepared values, so the runs of a table compute them once.
   */
  private static Map<String, Double> relearn(CausalLm original, CausalLm model, PassageSets sets,
      List<PassagePool.Passage> analogues, SequenceEvalSpec ev, TextTokenizer tok, EncoderBundle encoder,
      PreparedCache cache, Path originalFile, int elStart, long seed) {
    List<PassagePool.Passage> unseenRelated = ev.relearn().related() ? Analogues.nearest(sets.unseen(),
        sets.candidates(), tok, new TokenVectors(encoder, ev.encoder(), 0, 256), ev.layout(), cache, ev.encoder())
        : List.of();
    SequenceRelearn.Data data = SequenceRelearn.data(ev.relearn(), sets.forget(), analogues, sets.unseen(),
        unseenRelated, seed);
    long attackSeed = Seeds.derive(seed, "relearn");
    List<int[]> passages = new ArrayList<>(data.heldOut());                   // what the original's values depend on
    passages.addAll(data.baselineAttack());
    passages.addAll(data.baselineHeldOut());
    List<String> inputs = FinalMetrics.inputs(passages, ev.relearn(), ev.elN(), elStart, attackSeed,
        data.heldOut().size(), data.baselineAttack().size());
    return SequenceRelearn.run(original, model, data, ev.relearn(), ev.elN(), elStart, attackSeed,
        (what, compute) -> cache.values(what, originalFile, inputs, compute));
  }

  private static Map<String, Double> metrics(EpochCheck.Row r, EpochCheck.Thresholds th) {
    Map<String, Double> m = r.forgetScores();
    m.put("forget.flagged", (double) r.flagged());
    m.put("unseen.perplexity", r.perplexity());
    m.put("threshold.ma", th.ma());
    m.put("threshold.el_icu", th.el());
    return m;
  }

  /** The paper's constants, or the original's MA and EL_n on unseen passages (cached per original and set). */
  private static EpochCheck.Thresholds thresholds(SequenceEvalSpec ev, PreparedCache cache, Path originalFile,
      CausalLm original, PassageSets sets, int elStart) {
    if ("paper".equals(ev.thresholds())) {
      return new EpochCheck.Thresholds(SequenceEvalSpec.PAPER_MA, SequenceEvalSpec.PAPER_EL);
    }
    double[] maEl = cache.values("thresholds", originalFile, FinalMetrics.inputs(sets.unseenTokens(), ev.elN(),
        elStart),
        () -> new double[] {PassageScorer.mean(PassageScorer.memorisation(original, sets.unseenTokens())),
            PassageScorer.mean(PassageScorer.extraction(original, sets.unseenTokens(), ev.elN(), elStart))});
    return new EpochCheck.Thresholds(maEl[0], maEl[1]);
  }

  /**
   * What the check before training depends on besides the model (v2: with the F1 calibration of every
   * continuation against 8 other suffixes).
   */
  private static List<String> checkInputs(PassageSets sets, SequenceEvalSpec ev, Path tokFile) {
    List<String> in = FinalMetrics.inputs(FinalMetrics.forgetTokens(sets), ev.checkKey(), Sha256.of(tokFile));
    in.add("check-before/v2");
    in.addAll(PreparedCache.tokens(sets.unseenTokens()));
    sets.forget().forEach(p -> in.add(p.id()));
    return in;
  }

  /** The F1 calibration's values and, for a refining method, the F1 threshold it trained with. */
  private static Map<String, Double> calibration(F1Calibration cal, Refinement refinement) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("calibration.f1_own", cal.trueMean());
    m.put("calibration.f1_mismatched", cal.mismatchedMean());
    m.put("calibration.f1_mismatched_p95", cal.mismatchedP95());
    m.put("calibration.own_above_p95", cal.trueAboveP95());
    if (refinement != null) {
      m.put("refinement.f1_threshold", refinement.thresholds().f1());
    }
    return m;
  }

  private static List<Example> examples(List<PassagePool.Passage> ps, String prefix) {
    return IntStream.range(0, ps.size()).mapToObj(i -> Example.ofTokens(prefix + ps.get(i).id()
        + (prefix.isEmpty() ? "" : "#" + i), ps.get(i).tokens())).toList();
  }
}
