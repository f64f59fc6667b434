package dev.unlearn4j.experiment.sequence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.catalog.Methods;
import dev.unlearn4j.config.Bind;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.experiment.ExperimentKind;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.config.Overrides;
import dev.unlearn4j.config.Registry;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.method.generative.SequenceMethod;
import java.util.List;

/**
 * A sequence config with its method created and every argument bound, so a bad config fails before anything runs.
 *
 * @param yaml the fully resolved config, as written to {@code config.yaml}
 */
public record SequenceExperiment(SequenceConfig config, SequenceMethod method, String yaml) {
  public static SequenceExperiment resolve(JsonNode tree, List<String> overrides, String source) {
    try {
      ObjectNode t = ((ObjectNode) tree).deepCopy();
      ExperimentKind.SEQUENCE.strip(t);
      Overrides.apply(t, overrides);
      SequenceConfig cfg = Bind.strict(t, SequenceConfig.defaults(), SequenceConfig.class, "");
      cfg.requireComplete();
      Registry.Resolved<UnlearningMethod> m = Methods.REGISTRY.resolve(cfg.method(), "method");
      if (!(m.component() instanceof SequenceMethod sm)) {
        throw new ConfigException("method '" + cfg.method().name() + "' is a classifier method; a sequence "
            + "experiment needs one of the sequence methods (icu, kumpr)");
      }
      ObjectNode out = Mappers.YAML.valueToTree(cfg);
      ((ObjectNode) out.get("method")).set("args", m.argsTree());
      return new SequenceExperiment(cfg, sm, Mappers.YAML.writeValueAsString(out));
    } catch (ConfigException e) {
      throw new ConfigException(source + ": " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
