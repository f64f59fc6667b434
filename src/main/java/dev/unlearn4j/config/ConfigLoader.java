package dev.unlearn4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads an experiment file: YAML → overrides → defaults → strictly bound records. */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param file the experiment YAML
   * @param overrides {@code key.path=value} assignments applied after the file
   * @throws ConfigException with a one-line message that starts with the file name
   */
  public static ExperimentConfig load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    try {
      return parse(text, overrides);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** The YAML tree of a config file (a mapping), with errors that name the file. */
  public static JsonNode readTree(Path file) {
    try {
      return tree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
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

  private static ExperimentConfig bind(JsonNode tree, List<String> overrides) {
    Overrides.apply((ObjectNode) tree, overrides);
    ExperimentConfig cfg = Bind.strict(tree, ExperimentConfig.defaults(), ExperimentConfig.class, "");
    cfg.requireComplete();
    return cfg;
  }

  private static JsonNode tree(String yaml) {
    JsonNode tree;
    try {
      tree = Mappers.YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
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
