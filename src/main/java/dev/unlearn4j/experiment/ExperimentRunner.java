package dev.unlearn4j.experiment;

import dev.unlearn4j.config.ExperimentConfig;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.ForgetRequest;
import dev.unlearn4j.data.ForgetRequests;
import dev.unlearn4j.eval.CrossMetrics;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.Evaluator;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.util.Seeds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one experiment end to end: data and forget request → original model → (oracle) → unlearning → evaluation →
 * run directory. {@code summary.json} is written last, so its presence marks a complete run.
 */
public final class ExperimentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  /** What a finished run produced. */
  public record Result(Path runDir, Summary summary) {}

  private final List<TrainingListener> extraListeners;

  /** @param extraListeners listeners added to every training phase (e.g. the console progress) */
  public ExperimentRunner(List<TrainingListener> extraListeners) {
    this.extraListeners = List.copyOf(extraListeners);
  }

  public Result run(Experiment exp, String runId) {
    ExperimentConfig cfg = exp.config();
    long seed = cfg.seed();
    Seeds.seedNd4j(seed);
    String start = Instant.now().toString();
    long t0 = System.nanoTime();
    RunDirectory run = RunDirectory.create(Path.of(cfg.output()), cfg.name(), runId, seed);
    LOG.info("run directory {}", run.path());
    run.writeString(RunDirectory.CONFIG, toYaml(exp));

    Dataset data = exp.dataset().load();
    ForgetRequest request = ForgetRequests.draw(data, cfg.forget(), seed);
    String forgetIdsSha = SplitFiles.write(run, request);
    LOG.info("dataset {}: forget {}, retain {}, test {}", data.name(), request.forget().size(),
        request.retain().size(), request.test().size());

    Map<String, Double> timing = new LinkedHashMap<>();
    List<EvalResult> evals = new ArrayList<>();
    Map<String, Double> oracle = new LinkedHashMap<>();
    try (TrainLog log = new TrainLog(run.file(RunDirectory.TRAIN_LOG))) {
      Trainer trainer = new Trainer(listeners(log));
      long initSeed = Seeds.derive(seed, "init");
      Objective ce = Objective.of(new Objective.Term("retain_ce", 1.0, CrossEntropy.onRetain()));

      long t = System.nanoTime();
      Model original = exp.model().create(data, initSeed);
      trainer.fit("original", original, ce, BatchPlan.retainOnly(cfg.train().batchSize()), cfg.train(),
          List.of(), request.train().examples(), seed);
      timing.put("original_s", seconds(t));

      double evalS = 0;
      t = System.nanoTime();
      EvalResult before = Evaluator.evaluate(original, request.evaluationSplits(), cfg.eval());
      evalS += seconds(t);
      evals.add(before);

      if (cfg.eval().oracle()) {
        t = System.nanoTime();
        Model oracleModel = exp.model().create(data, initSeed);
        trainer.fit("oracle", oracleModel, ce, BatchPlan.retainOnly(cfg.train().batchSize()), cfg.train(),
            List.of(), request.retain().examples(), seed);
        timing.put("oracle_s", seconds(t));
        t = System.nanoTime();
        EvalResult o = Evaluator.evaluate(oracleModel, request.evaluationSplits(), cfg.eval());
        evalS += seconds(t);
        evals.add(o);
        oracle.putAll(o.aggregates());
      }

      UnlearningMethod method = exp.method();
      TrainSpec schedule = method.schedule(cfg.train());
      t = System.nanoTime();
      Model unlearned = method.fromScratch() ? exp.model().create(data, initSeed) : original.copy();
      trainer.fit("unlearn", unlearned, method.objective(), method.plan(schedule), schedule,
          request.forget().examples(), request.retain().examples(), seed);
      timing.put("unlearn_s", seconds(t));
      t = System.nanoTime();
      EvalResult after = Evaluator.evaluate(unlearned, request.evaluationSplits(), cfg.eval());
      evalS += seconds(t);
      evals.add(after);
      timing.put("eval_s", evalS);
      timing.put("total_s", seconds(t0));
      if (timing.containsKey("oracle_s")) {
        timing.put("retrain_ratio", timing.get("unlearn_s") / timing.get("oracle_s"));
      }
      EvalResult oracleEval = cfg.eval().oracle() ? evals.get(1) : null;
      oracle = oracleEval == null ? oracle : CrossMetrics.compute(oracleEval, null, cfg.eval().metrics());

      Map<String, Long> memory = new LinkedHashMap<>();
      memory.put("peak_heap_bytes", Memory.peakHeapBytes());
      memory.put("peak_rss_bytes", Memory.peakRssBytes());
      Summary summary = new Summary(cfg.name(), method.name(), cfg.model().name(), data.name(), seed,
          CrossMetrics.compute(before, oracleEval, cfg.eval().metrics()),
          CrossMetrics.compute(after, oracleEval, cfg.eval().metrics()), oracle, timing, memory);

      Map<String, String> inputs = new LinkedHashMap<>(data.inputFiles());
      inputs.put("dataset:" + data.name(), data.fingerprint());
      Provenance prov = Provenance.of(seed, start, Instant.now().toString(), inputs);
      MetricsCsv.write(run.file(RunDirectory.METRICS), List.of("before", "oracle", "after"), evals,
          cfg.eval().oracle());
      run.writeString(RunDirectory.REPORT, ReportWriter.render(summary, request, forgetIdsSha, prov));
      run.writeString(RunDirectory.PROVENANCE, json(prov));
      run.writeString(RunDirectory.SUMMARY, json(summary));
      return new Result(run.path(), summary);
    }
  }

  private List<TrainingListener> listeners(TrainLog log) {
    List<TrainingListener> all = new ArrayList<>(extraListeners);
    all.add(log);
    return all;
  }

  private static String toYaml(Experiment exp) {
    try {
      return Mappers.YAML.writeValueAsString(exp.resolved());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String json(Object o) {
    try {
      return Mappers.JSON.writeValueAsString(o) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
