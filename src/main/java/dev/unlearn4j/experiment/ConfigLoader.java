package dev.unlearn4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Bind;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.config.Overrides;
import dev.unlearn4j.config.YamlGuard;
import dev.unlearn4j.util.InputFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads an experiment file: YAML → overrides → defaults → strictly bound records. */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param file the experiment YAML
   * @param overrides {@code key.path=value} assignments applied after the file
   * @throws ConfigException with a one-line message that starts with the file name
   */
  public static ExperimentConfig load(Path file, List<String> overrides) {
    String text = read(file);
    try {
      return parse(text, overrides);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** The YAML tree of a config file (a mapping), with errors that name the file. */
  public static JsonNode readTree(Path file) {
    String text = read(file);
    try {
      return tree(text);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@link #load} with the method replaced by {@code method} with its defaults (the file's {@code method.args}
   * belong to the file's method; they are kept when the names agree).
   */
  public static ExperimentConfig load(Path file, List<String> overrides, String method) {
    JsonNode tree = readTree(file);
    if (!method.equals(tree.path("method").path("name").asText())) {
      ((ObjectNode) tree).set("method", Mappers.YAML.createObjectNode().put("name", method));
    }
    try {
      return bind(tree, overrides);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses experiment YAML text (no file name in the errors). */
  public static ExperimentConfig parse(String yaml, List<String> overrides) {
    return bind(tree(yaml), overrides);
  }

  /** The experiment kind a config file declares ({@link ExperimentKind}), with errors that name the file. */
  public static ExperimentKind kind(Path file) {
    JsonNode tree = readTree(file);
    try {
      return ExperimentKind.of(tree);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  private static ExperimentConfig bind(JsonNode tree, List<String> overrides) {
    ExperimentKind.CLASSIFICATION.strip((ObjectNode) tree);
    Overrides.apply((ObjectNode) tree, overrides);
    ExperimentConfig cfg = Bind.strict(tree, ExperimentConfig.defaults(), ExperimentConfig.class, "");
    cfg.requireComplete();
    return cfg;
  }

  /** The file's text; a FIFO, a device or an oversized file is refused before anything is read from it. */
  private static String read(Path file) {
    try {
      InputFiles.requireRegular(file, file.toString());
    } catch (UnlearnException e) {
      throw new ConfigException(e.getMessage());
    }
    try {
      if (Files.size(file) > 4L * YamlGuard.MAX_CHARS) {                  // UTF-8: at most 4 bytes a character
        throw new ConfigException(file + ": " + Files.size(file) + " bytes; a config is at most "
            + YamlGuard.MAX_CHARS + " characters");
      }
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static JsonNode tree(String yaml) {
    YamlGuard.check(yaml);
    JsonNode tree;
    try {
      tree = Mappers.YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        // the scanner's problem and where it is; its context (an open bracket or quote) may start lines earlier
        throw new ConfigException("malformed YAML at line " + (m.getProblemMark().getLine() + 1) + ": "
            + m.getProblem() + (m.getContext() == null || m.getContextMark() == null ? "" : " (" + m.getContext()
            + " opened at line " + (m.getContextMark().getLine() + 1) + ")"));
      }
      var loc = e.getLocation();
      throw new ConfigException("malformed YAML" + (loc != null ? " at line " + loc.getLineNr() : "")
          + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = Mappers.YAML.createObjectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException("the top level must be a mapping of keys, got " + tree.getNodeType());
    }
    return tree;
  }
}
