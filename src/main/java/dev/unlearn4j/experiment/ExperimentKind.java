package dev.unlearn4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.ConfigException;

/**
 * The two kinds of experiment: {@code classification} (a fine-tuned classifier forgets examples, run by
 * {@link ExperimentRunner}) and {@code sequence} (a causal language model forgets memorised passages, run by
 * {@code experiment.sequence.SequenceRunner}). A config names its kind with the top-level key {@code kind}; configs
 * written without it are sequence experiments when they have an {@code original} key.
 */
public enum ExperimentKind {
  CLASSIFICATION,
  SEQUENCE;

  public static final String KEY = "kind";

  /** The kind a config tree declares, or infers for one without {@code kind}. */
  public static ExperimentKind of(JsonNode tree) {
    boolean original = tree != null && tree.isObject() && tree.has("original");
    JsonNode k = tree == null ? null : tree.get(KEY);
    if (k == null || k.isNull()) {
      return original ? SEQUENCE : CLASSIFICATION;
    }
    ExperimentKind kind = switch (k.asText()) {
      case "classification" -> CLASSIFICATION;
      case "sequence" -> SEQUENCE;
      default -> throw new ConfigException("key 'kind' must be one of [classification, sequence], got '"
          + k.asText() + "'");
    };
    if (kind == CLASSIFICATION && original) {
      throw new ConfigException("key 'original' belongs to sequence experiments, but 'kind' is classification");
    }
    return kind;
  }

  /** Checks the tree's kind is this one and removes the key, which the config records do not hold. */
  public void strip(ObjectNode tree) {
    ExperimentKind declared = of(tree);
    if (declared != this) {
      throw new ConfigException("this is a " + declared.name().toLowerCase() + " experiment config (key 'kind'"
          + (tree.has(KEY) ? "" : " inferred from 'original'") + "), read as a " + name().toLowerCase() + " one");
    }
    tree.remove(KEY);
  }
}
