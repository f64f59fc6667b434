package dev.unlearn4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.ForgetRequest;
import dev.unlearn4j.data.ForgetRequests;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainingCheckpoints;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs classification experiments end to end: data and forget request → original model → (oracle) → unlearning
 * ({@link Unlearning}) → evaluation → run directory ({@link RunRecord}). Several experiments that differ only in
 * their method share one original model and oracle ({@link #runAll}); each still gets a complete run directory.
 * {@code summary.json} is written last, so its presence marks a complete run.
 */
public final class ExperimentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  /** What a finished run produced. */
  public record Result(Path runDir, Summary summary) {}

  /** The original model, the oracle and their evaluations: shared by every method of a batch of runs. */
  record Shared(Dataset data, ForgetRequest request, Model original, EvalResult before, EvalResult oracle,
      Model oracleModel, Map<String, Double> timing, double evalSeconds) {}

  private final List<TrainingListener> extraListeners;

  /** @param extraListeners listeners added to every training phase (e.g. the console progress) */
  public ExperimentRunner(List<TrainingListener> extraListeners) {
    this.extraListeners = List.copyOf(extraListeners);
  }

  public Result run(Experiment exp, String runId) {
    List<String> ids = new ArrayList<>();
    ids.add(runId);
    return runAll(List.of(exp), ids).get(0);
  }

  /**
   * Runs experiments that differ only in name and method, training the original model and oracle once.
   *
   * @param runIds one per experiment; null entries take the default id
   */
  public List<Result> runAll(List<Experiment> exps, List<String> runIds) {
    ExperimentConfig cfg = exps.get(0).config();
    RunRecord record = RunRecord.begin();
    // read and validated before any run directory exists: bad data or forget ids leave nothing behind
    Loaded in = load(exps.get(0));
    Map<String, String> inputs = RunInputs.collect(exps.get(0), in.data());
    List<RunDirectory> runs = new ArrayList<>();
    for (int i = 0; i < exps.size(); i++) {
      RunDirectory run = RunDirectory.create(Path.of(cfg.output()), exps.get(i).config().name(), runIds.get(i),
          cfg.seed());
      LOG.info("run directory {}", run.path());
      run.writeString(RunDirectory.CONFIG, toYaml(exps.get(i)));
      run.writeJson(RunInputs.FILE, inputs);
      runs.add(run);
    }
    return execute(exps, runs, in.data(), in.request(), record, false);
  }

  private record Loaded(Dataset data, ForgetRequest request) {}

  /** The dataset and forget request of a run: seeded first, as everything after them. */
  private static Loaded load(Experiment exp) {
    Seeds.seedNd4j(exp.config().seed());
    Dataset data = exp.dataset().load();
    return new Loaded(data, ForgetRequests.draw(data, exp.config().forget(), exp.config().seed()));
  }

  /**
   * Continues an interrupted run in its own directory: the same config, splits and seed; each training phase
   * resumes from its latest checkpoint (or starts over without one). Same result as an uninterrupted run on CPU.
   */
  public Result resume(Path runDir) {
    RunDirectory run = RunDirectory.unfinished(runDir);
    Path config = run.file(RunDirectory.CONFIG);
    Experiment exp = Experiment.resolve(ConfigLoader.load(config, List.of()),
        config.toString());
    LOG.info("resuming {}", runDir);
    RunRecord record = RunRecord.begin();
    Loaded in = load(exp);
    RunInputs.requireUnchanged(run, RunInputs.collect(exp, in.data()));
    return execute(List.of(exp), List.of(run), in.data(), in.request(), record, true).get(0);
  }

  private List<Result> execute(List<Experiment> exps, List<RunDirectory> runs, Dataset data, ForgetRequest request,
      RunRecord record, boolean resume) {
    ExperimentConfig cfg = exps.get(0).config();
    String forgetSha = null;
    for (RunDirectory run : runs) {
      forgetSha = SplitFiles.write(run, request);           // the same ids, so the same hash, in every run
    }
    LOG.info("dataset {}: forget {}, retain {}, test {}", data.name(), request.forget().size(),
        request.retain().size(), request.test().size());

    List<TrainLog> logs = runs.stream().map(r -> new TrainLog(r.file(RunDirectory.TRAIN_LOG), resume)).toList();
    try {
      Shared shared = prepare(exps.get(0), data, request, logs, checkpoints(runs.get(0), cfg, resume));
      List<Result> results = new ArrayList<>();
      for (int i = 0; i < exps.size(); i++) {
        results.add(unlearn(exps.get(i), shared, runs.get(i), logs.get(i), forgetSha, record,
            checkpoints(runs.get(i), cfg, resume)));
        new TrainingCheckpoints(runs.get(i).file(RunDirectory.CHECKPOINTS), 0).deleteAll();
      }
      return results;
    } finally {
      logs.forEach(TrainLog::close);
    }
  }

  /** Checkpoints of a run when it saves them or resumes; null otherwise. */
  private static TrainingCheckpoints checkpoints(RunDirectory run, ExperimentConfig cfg, boolean resume) {
    return cfg.checkpointEvery() > 0 || resume
        ? new TrainingCheckpoints(run.file(RunDirectory.CHECKPOINTS), cfg.checkpointEvery()) : null;
  }

  private Shared prepare(Experiment exp, Dataset data, ForgetRequest request, List<TrainLog> logs,
      TrainingCheckpoints ckpt) {
    ExperimentConfig cfg = exp.config();
    Trainer trainer = new Trainer(listeners(logs)).withCheckpoints(ckpt);
    long initSeed = Seeds.derive(cfg.seed(), "init");
    Objective ce = Objective.of(Objective.Term.retainCe());
    Map<String, Double> timing = new LinkedHashMap<>();

    TrainedModels cache = TrainedModels.of(cfg);
    Model original = exp.model().create(data, initSeed);
    timing.put("original_s", cache.trainOrLoad("original", original, () -> trainer.fit("original", original, ce,
        BatchPlan.retainOnly(cfg.train().batchSize()), cfg.train(), List.of(), request.train().examples(),
        cfg.seed())));
    long t = System.nanoTime();
    EvalResult before = Evaluator.evaluate(original, request.evaluationSplits(), cfg.eval());
    double evalS = RunRecord.secondsSince(t);

    EvalResult oracle = null;
    Model oracleModel = null;
    if (cfg.eval().oracle()) {
      oracleModel = exp.model().create(data, initSeed);
      Model trained = oracleModel;
      timing.put("oracle_s", cache.trainOrLoad("oracle", trained, () -> trainer.fit("oracle", trained, ce,
          BatchPlan.retainOnly(cfg.train().batchSize()), cfg.train(), List.of(), request.retain().examples(),
          cfg.seed())));
      t = System.nanoTime();
      oracle = Evaluator.evaluate(oracleModel, request.evaluationSplits(), cfg.eval());
      evalS += RunRecord.secondsSince(t);
    }
    Model kept = cfg.eval().relearn().enabled() ? oracleModel : null;   // only the relearning attack needs it later
    return new Shared(data, request, original, before, oracle, kept, timing, evalS);
  }

  private Result unlearn(Experiment exp, Shared s, RunDirectory run, TrainLog log, String forgetSha,
      RunRecord record, TrainingCheckpoints ckpt) {
    ExperimentConfig cfg = exp.config();
    UnlearningMethod method = exp.method();
    Map<String, Double> timing = new LinkedHashMap<>(s.timing());
    Unlearning.Outcome u = Unlearning.run(exp, s, listeners(List.of(log)), ckpt, run);
    Model original = u.original();
    EvalResult before = u.before();
    Model unlearned = u.model();
    timing.put("unlearn_s", u.seconds());
    timing.putAll(u.extraTiming());
    long t = System.nanoTime();
    EvalResult after = Evaluator.evaluate(unlearned, s.request().evaluationSplits(), cfg.eval());
    timing.put("eval_s", s.evalSeconds() + RunRecord.secondsSince(t));
    timing.put("total_s", record.elapsed());
    if (timing.containsKey("oracle_s")) {
      timing.put("retrain_ratio", timing.get("unlearn_s") / timing.get("oracle_s"));
    }
    List<String> metrics = cfg.eval().metrics();
    Map<String, Double> oracle = s.oracle() == null ? Map.of() : CrossMetrics.compute(s.oracle(), null, metrics);
    Map<String, Double> beforeMetrics = new LinkedHashMap<>(CrossMetrics.compute(before, s.oracle(), metrics));
    beforeMetrics.putAll(u.extraBefore());
    Map<String, Double> afterMetrics = new LinkedHashMap<>(CrossMetrics.compute(after, s.oracle(), metrics));
    afterMetrics.putAll(UtilityCheck.of(before, after));
    if (cfg.eval().relearn().enabled() && method.sharding().isEmpty()) {   // SISA's ensemble: not attacked
      t = System.nanoTime();
      afterMetrics.putAll(RelearnAttack.run(original, unlearned, s.oracleModel(), s.request().forget(),
          s.request().retain(), cfg.eval(), Seeds.derive(cfg.seed(), "relearn")));
      timing.put("relearn_s", RunRecord.secondsSince(t));
    }
    Summary summary = new Summary(cfg.name(), cfg.method().name(), cfg.model().name(), s.data().name(),
        s.data().labels(), cfg.seed(), beforeMetrics, afterMetrics, oracle, timing, RunRecord.peakMemory());

    Map<String, String> inputs = new LinkedHashMap<>(RunInputs.read(run));
    inputs.putIfAbsent("dataset:" + s.data().name(), s.data().fingerprint());
    inputs.put("unlearned-model", RunRecord.saveModel(run, unlearned::save));
    List<EvalResult> evals = new ArrayList<>();
    evals.add(before);
    if (s.oracle() != null) {
      evals.add(s.oracle());
    }
    evals.add(after);
    MetricsCsv.write(run.file(RunDirectory.METRICS), List.of("before", "oracle", "after"), evals,
        s.oracle() != null);
    ReportWriter.Audit audit = new ReportWriter.Audit(forgetSha, Fingerprints.data(s.request().forget().examples()),
        Fingerprints.model(original), Fingerprints.model(unlearned), cfg.eval().utilityFloor());
    record.finish(run, cfg.seed(), inputs, summary, prov -> ReportWriter.render(summary, s.request(), audit, prov));
    return new Result(run.path(), summary);
  }

  private List<TrainingListener> listeners(List<TrainLog> logs) {
    List<TrainingListener> all = new ArrayList<>(extraListeners);
    all.addAll(logs);
    return all;
  }

  private static String toYaml(Experiment exp) {
    try {
      return Mappers.YAML.writeValueAsString(exp.resolved());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
