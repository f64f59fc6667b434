package dev.unlearn4j.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.catalog.Datasets;
import dev.unlearn4j.catalog.Methods;
import dev.unlearn4j.catalog.Metrics;
import dev.unlearn4j.catalog.Models;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.config.Registry;
import dev.unlearn4j.data.DatasetSource;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.method.generative.SequenceMethod;
import dev.unlearn4j.model.ModelFactory;
import dev.unlearn4j.train.TrainStep;
import java.nio.file.Path;
import java.util.List;

/**
 * A config with its components created: every name looked up and every argument bound, so a bad config fails
 * before anything runs.
 *
 * @param source where the config came from (for error messages), e.g. the YAML path
 * @param resolved the full config, component arguments included, as written to {@code config.yaml}
 */
public record Experiment(
    ExperimentConfig config, String source, DatasetSource dataset, ModelFactory model, UnlearningMethod method,
    ObjectNode resolved) {

  /**
   * The experiment of {@code file} with {@code overrides} once per method (the file's other keys, each method with
   * its defaults plus the overrides): what {@code unlearn run --methods} runs on one shared original and oracle.
   */
  public static List<Experiment> ofMethods(Path file, List<String> overrides, List<String> methods) {
    return methods.stream().map(m -> resolve(ConfigLoader.load(file, overrides, m), file.toString())).toList();
  }

  public static Experiment resolve(ExperimentConfig cfg, String source) {
    try {
      Registry.Resolved<DatasetSource> ds = Datasets.REGISTRY.resolve(cfg.dataset(), "dataset");
      Registry.Resolved<ModelFactory> mf = Models.REGISTRY.resolve(cfg.model(), "model");
      Registry.Resolved<UnlearningMethod> m = Methods.REGISTRY.resolve(cfg.method(), "method");
      if (m.component() instanceof SequenceMethod) {
        throw new ConfigException("method '" + cfg.method().name() + "' unlearns sequences of a causal language "
            + "model; it runs in a sequence experiment (a config with an 'original' key, see experiments/icu-*.yaml)");
      }
      cfg.eval().metrics().forEach(Metrics::get);
      cfg.stop().ruleFor(m.component());                 // the experiment's and the method's rule agree
      if (cfg.stop().rule() == UnlearningMethod.Stop.FORGET_F1_AT_ORACLE && !cfg.eval().oracle()) {
        throw new ConfigException("key 'stop.rule' forget-f1-at-oracle needs the oracle (eval.oracle: true)");
      }
      TrainStep.requireCuttable(m.component().objective(), m.component().schedule(cfg.train()));
      ObjectNode tree = Mappers.YAML.valueToTree(cfg);
      ((ObjectNode) tree.get("dataset")).set("args", ds.argsTree());
      ((ObjectNode) tree.get("model")).set("args", mf.argsTree());
      ((ObjectNode) tree.get("method")).set("args", m.argsTree());
      return new Experiment(cfg, source, ds.component(), mf.component(), m.component(), tree);
    } catch (ConfigException e) {
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
  }
}
