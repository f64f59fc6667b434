package dev.unlearn4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code --set a.b.c=value} overrides. The value is read as a YAML scalar or flow collection, so {@code 0.5} is a
 * number, {@code true} a boolean, {@code [a, b]} a list and anything else a string.
 */
public final class Overrides {
  private Overrides() {}

  public static void apply(ObjectNode root, List<String> assignments) {
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set expects key.path=value, got '" + a + "'");
      }
      String path = a.substring(0, eq).trim();
      String[] keys = path.split("\\.");
      ObjectNode node = root;
      for (int i = 0; i < keys.length - 1; i++) {
        JsonNode child = node.get(keys[i]);
        if (child == null || !child.isObject()) {
          child = node.putObject(keys[i]);
        }
        node = (ObjectNode) child;
      }
      node.set(keys[keys.length - 1], parseValue(a.substring(eq + 1), path));
    }
  }

  private static JsonNode parseValue(String text, String path) {
    try {
      JsonNode v = Mappers.YAML.readTree(text.isEmpty() ? "''" : text);
      return v == null ? Mappers.YAML.getNodeFactory().textNode(text) : v;
    } catch (JsonProcessingException e) {
      throw new ConfigException("--set " + path + ": cannot read value '" + text + "'");
    }
  }
}
