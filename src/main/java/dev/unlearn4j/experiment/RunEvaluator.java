package dev.unlearn4j.experiment;

import dev.unlearn4j.catalog.Metrics;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.ForgetRequests;
import dev.unlearn4j.data.Split;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.method.Sharding;
import dev.unlearn4j.model.Ensemble;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.util.Seeds;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code unlearn eval} for classification: evaluates a saved model again — on a finished run's own forget / retain
 * / test splits (replayed from {@code splits/*.txt}), or, for a bare checkpoint, on the splits an experiment config
 * draws (its dataset, forget spec and seed, as {@code unlearn run} draws them) — with any metrics, and writes
 * {@code metrics.csv} and {@code summary.json} in the shapes {@code unlearn run} writes (the evaluated model's
 * values under {@code after}).
 */
public final class RunEvaluator {
  private RunEvaluator() {}

  /**
   * @param runDir a run directory (config.yaml, splits/)
   * @param modelDir the checkpoint to evaluate (a run's {@code model/}, or any checkpoint of the same family)
   * @param metrics metric names, empty for the run's own
   * @param out a new directory for the results
   */
  public static Summary evaluate(Path runDir, Path modelDir, List<String> metrics, Path out) {
    return evaluate(runDir.resolve(RunDirectory.CONFIG), List.of(), modelDir, metrics, out,
        (cfg, data) -> replayedSplits(runDir, data, cfg));
  }

  /**
   * A bare checkpoint on the splits drawn by an experiment config.
   *
   * @param config the experiment YAML; {@code overrides} as {@code --set KEY=VALUE}
   */
  public static Summary evaluateCheckpoint(Path config, List<String> overrides, Path modelDir, List<String> metrics,
      Path out) {
    return evaluate(config, overrides, modelDir, metrics, out,
        (cfg, data) -> ForgetRequests.draw(data, cfg.forget(), cfg.seed()).evaluationSplits());
  }

  private static Summary evaluate(Path config, List<String> overrides, Path modelDir, List<String> metrics,
      Path out, BiFunction<ExperimentConfig, Dataset, List<Split>> splitsOf) {
    Experiment exp = Experiment.resolve(ConfigLoader.load(config, overrides), config.toString());
    ExperimentConfig cfg = exp.config();
    List<String> m = metrics.isEmpty() ? cfg.eval().metrics() : metrics;
    m.forEach(Metrics::get);
    if (Files.exists(out)) {
      throw new UnlearnException(out + ": output directory already exists");
    }
    RunRecord record = RunRecord.begin();
    Dataset data = exp.dataset().load();
    List<Split> splits = splitsOf.apply(cfg, data);
    Path weights = modelDir.resolve("model.safetensors");
    Model model = load(exp, data, Seeds.derive(cfg.seed(), "init"), weights);
    EvalSpec spec = new EvalSpec(m, false, cfg.eval().labels(), cfg.eval().batchSize(), 0.0);
    EvalResult r = Evaluator.evaluate(model, splits, spec);
    Summary s = new Summary(cfg.name(), cfg.method().name(), cfg.model().name(), data.name(), data.labels(),
        cfg.seed(), Map.of(), CrossMetrics.compute(r, null, m), Map.of(), Map.of("eval_s", record.elapsed()),
        RunRecord.peakMemory());
    Map<String, String> inputs = new LinkedHashMap<>(data.inputFiles());
    inputs.put("evaluated-model", Sha256.of(weights));
    RunDirectory dir = RunDirectory.at(out);
    MetricsCsv.write(dir.file(RunDirectory.METRICS), List.of("after"), List.of(r), false);
    record.finish(dir, cfg.seed(), inputs, s, null);
    return s;
  }

  /** The saved model: one of the experiment's family, or for SISA the ensemble of its shard models. */
  private static Model load(Experiment exp, Dataset data, long seed, Path weights) {
    Map<String, INDArray> stored = Safetensors.read(weights);
    Sharding sharding = exp.method().sharding().orElse(null);
    if (sharding == null) {
      Model m = exp.model().create(data, seed);
      assign(m, stored, weights);
      return m;
    }
    List<Model> members = new ArrayList<>();
    int assigned = 0;
    for (int i = 0; i < sharding.shards(); i++) {
      Map<String, INDArray> own = Ensemble.memberWeights(stored, i);
      Model m = exp.model().create(data, seed);
      assign(m, own, weights);
      members.add(m);
      assigned += own.size();
    }
    if (assigned != stored.size()) {
      throw new UnlearnException(weights + ": holds tensors of more than the " + sharding.shards()
          + " shards of method.args.shards");
    }
    return new Ensemble(members, sharding.aggregation());
  }

  /** The run's splits from its id files, under its forget scenario (a mislabelled forget split's wrong labels). */
  private static List<Split> replayedSplits(Path runDir, Dataset data, ExperimentConfig cfg) {
    Map<String, Example> byId = new HashMap<>();
    data.examples().forEach(e -> byId.put(e.id(), e));
    List<Split> splits = new ArrayList<>();
    for (String name : List.of("forget", "retain", "test")) {
      splits.add(new Split(name, readIds(runDir, name).stream().map(id -> {
        Example e = byId.get(id);
        if (e == null) {
          throw new UnlearnException(runDir.resolve("splits/" + name + ".txt") + ": id '" + id + "' is not in "
              + "dataset " + data.name());
        }
        return e;
      }).toList()));
    }
    return ForgetRequests.inScenario(cfg.forget(), data, cfg.seed(), splits.get(0).examples(),
        splits.get(1).examples(), splits.get(2).examples()).evaluationSplits();
  }

  private static List<String> readIds(Path runDir, String split) {
    Path f = runDir.resolve(RunDirectory.SPLITS).resolve(split + ".txt");
    try {
      return Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UnlearnException(f + ": cannot read the split (" + e.getMessage() + ")");
    }
  }

  /** Copies every stored tensor into the model's arrays; a missing, extra or misshapen tensor is an error. */
  static void assign(Model model, Map<String, INDArray> stored, Path file) {
    for (Map.Entry<String, INDArray> w : model.weights().entrySet()) {
      INDArray v = stored.get(w.getKey());
      if (v == null) {
        throw new UnlearnException(file + ": missing tensor '" + w.getKey() + "'");
      }
      if (!Arrays.equals(v.shape(), w.getValue().shape())) {
        throw new UnlearnException(file + ": tensor '" + w.getKey() + "' has shape " + Arrays.toString(v.shape())
            + ", the model needs " + Arrays.toString(w.getValue().shape()));
      }
      w.getValue().assign(v.castTo(w.getValue().dataType()));
    }
    for (String k : stored.keySet()) {
      if (!model.weights().containsKey(k)) {
        throw new UnlearnException(file + ": unexpected tensor '" + k + "' (another model or class count?)");
      }
    }
  }
}
