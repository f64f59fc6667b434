package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.eval.generation.Cloze;
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
    requireFits(o, original);
    RunDirectory run = runDirectory.get();                // inputs checked: only now does a new run directory appear
    RunInputs.recordOrCheck(run, RunInputs.ofValues(o.checkpoint().toString(), cfg.passages().pool(),
        cfg.passages().forget(), cfg.passages().unseen(), ev.encoder()), resume);
    TrainingCheckpoints ckpt = new TrainingCheckpoints(run.file(RunDirectory.CHECKPOINTS), cfg.checkpointEvery());
    try (TextTokenizer tok = TextTokenizer.untruncated(tokFile)) {
      t = System.nanoTime();
      Preparation p = Preparation.of(cfg, original, o.checkpoint(), sets, tok);
      timing.put("prepare_s", RunRecord.secondsSince(t));
      LOG.info("forget set {}: {} passages; thresholds MA {} EL {} ({})", cfg.forgetSet(), sets.forget().size(),
          p.thresholds().ma(), p.thresholds().el(), ev.thresholds());

      SequenceMethod method = exp.method();
      CausalLm model = (CausalLm) original.copy();
      Refinement refinement = method.refines() ? new Refinement(method.refinement(),
          sets.forget().stream().map(PassagePool.Passage::id).toList()) : null;
      ContinuationScorer scorer = new ContinuationScorer(tok, p.bert(), ev.layout(), 0);
      EpochCheck check = new EpochCheck(model, sets.forget(), scorer, refinement, ev.calibrateF1(),
          method.stopsWhenNothingFlagged(), p.thresholds(), ev.elN(), sets.unseenTokens(),
          run.file(RunDirectory.CHECKPOINTS));
      // the original's check is the same for every method on this forget set: computed by the first run, then read
      EpochCheck.Row before = check.before(compute -> p.cache().object("check-before", p.originalFile(),
          Preparation.checkInputs(sets, ev, tokFile), EpochCheck.Before.class, compute));

      t = System.nanoTime();
      unlearn(method, original, model, refinement, check, sets.forget(), p.analogues(), run, ckpt, resume,
          cfg.seed());
      timing.put("unlearn_s", RunRecord.secondsSince(t));
      timing.put("check_s", check.firstSeconds());
      EpochCheck.Row after = check.rows().get(check.rows().size() - 1);

      Map<String, Double> b = metrics(before, p.thresholds());
      b.putAll(calibration(check.calibration(), refinement));
      Map<String, Double> a = metrics(after, p.thresholds());
      t = System.nanoTime();
      List<Cloze.Item> cloze = sets.clozeItems(tok, ev, cfg.seed());
      FinalMetrics.extra(b, before, original, sets, ev, tok, cloze, FinalMetrics.originalMemo(p.cache(),
          p.originalFile(), sets, ev, cloze));
      FinalMetrics.extra(a, after, model, sets, ev, tok, cloze, FinalMetrics.Memo.NONE);
      timing.put("final_eval_s", RunRecord.secondsSince(t));
      if (ev.relearn().enabled()) {
        t = System.nanoTime();
        a.putAll(relearn(original, model, sets, p, ev, tok, cfg.seed()));
        timing.put("relearn_s", RunRecord.secondsSince(t));
      }
      a.put("epochs", (double) after.epoch());
      timing.put("total_s", record.elapsed());
      Summary summary = new Summary(cfg.name(), cfg.method().name(), "gpt-neo:" + o.key(), "planted-set-"
          + cfg.forgetSet(), cfg.seed(), b, a, Map.of(), timing, RunRecord.peakMemory());

      String unlearnedSha = RunRecord.saveModel(run, dir -> CausalCheckpoint.save(model, tokFile, dir));
      SequenceOutputs.write(run, check, sets, p.analogues());
      record.finish(run, cfg.seed(), inputs(run, p.originalFile(), unlearnedSha, sets), summary,
          prov -> SequenceOutputs.report(summary, prov, check, ev.samples()));
      ckpt.deleteAll();
      return new Result(run.path(), summary, check.stopRule(), after.epoch());
    }
  }

  /** Every passage must fit the model's positions, or nothing can be scored. */
  private static void requireFits(OriginalModels.Original o, CausalLm original) {
    int longest = o.passages().stream().mapToInt(p -> p.tokens().length).max().orElse(0);
    if (longest > original.config().maxPositions()) {
      throw new UnlearnException(o.checkpoint() + ": passages of " + longest
          + " tokens exceed the model's " + original.config().maxPositions() + " positions");
    }
  }

  /**
   * Trains {@code model} with the method: the refinement (when the method refines), then the per-epoch check, then
   * the stop rule that tests the row the check just added, then the train log.
   */
  private void unlearn(SequenceMethod method, CausalLm original, CausalLm model, Refinement refinement,
      EpochCheck check, List<PassagePool.Passage> forget, List<PassagePool.Passage> analogues, RunDirectory run,
      TrainingCheckpoints ckpt, boolean resume, long seed) {
    List<TrainingListener> listeners = new ArrayList<>(extraListeners);
    if (refinement != null) {
      listeners.add(refinement);
    }
    listeners.add(check);
    listeners.add(StopRule.afterEpochs(state -> check.rule()));
    TrainSpec schedule = method.schedule(null);
    try (TrainLog log = new TrainLog(run.file(RunDirectory.TRAIN_LOG), resume)) {
      listeners.add(log);
      new Trainer(listeners).withCheckpoints(ckpt).fit("unlearn", model, method.objective(original),
          method.plan(schedule), schedule, examples(forget, ""), examples(analogues, "analogue:"), seed);
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
  private static Map<String, Double> relearn(CausalLm original, CausalLm model, PassageSets sets, Preparation p,
      SequenceEvalSpec ev, TextTokenizer tok, long seed) {
    List<PassagePool.Passage> unseenRelated = ev.relearn().related() ? Analogues.nearest(sets.unseen(),
        sets.candidates(), tok, Preparation.embeddings(p.encoder(), ev), ev.layout(), p.cache(), ev.encoder())
        : List.of();
    SequenceRelearn.Data data = SequenceRelearn.data(ev.relearn(), sets.forget(), p.analogues(), sets.unseen(),
        unseenRelated, seed);
    long attackSeed = Seeds.derive(seed, "relearn");
    List<int[]> passages = new ArrayList<>(data.heldOut());                   // what the original's values depend on
    passages.addAll(data.baselineAttack());
    passages.addAll(data.baselineHeldOut());
    List<String> inputs = FinalMetrics.inputs(passages, ev.relearn(), ev.elN(), p.elStart(), attackSeed,
        data.heldOut().size(), data.baselineAttack().size());
    return SequenceRelearn.run(original, model, data, ev.relearn(), ev.elN(), p.elStart(), attackSeed,
        (what, compute) -> p.cache().values(what, p.originalFile(), inputs, compute));
  }

  private static Map<String, Double> metrics(EpochCheck.Row r, EpochCheck.Thresholds th) {
    Map<String, Double> m = r.forgetScores();
    m.put("forget.flagged", (double) r.flagged());
    m.put("unseen.perplexity", r.perplexity());
    m.put("threshold.ma", th.ma());
    m.put("threshold.el_icu", th.el());
    return m;
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
