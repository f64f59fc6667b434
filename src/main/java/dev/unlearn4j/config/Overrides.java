package dev.unlearn4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * A config error about a key that a {@code --set} assignment gave: the same error naming the assignment instead
   * of the file ({@code FILE: key 'train.epochs' expects an integer} becomes {@code --set train.epochs=many: key
   * 'train.epochs' expects an integer}); any other error unchanged.
   */
  public static ConfigException blame(ConfigException e, String file, List<String> assignments) {
    String msg = e.getMessage();
    Matcher m = KEY.matcher(msg);
    if (!msg.startsWith(file + ": ") || !m.find()) {
      return e;
    }
    String key = m.group(1);
    for (int i = assignments.size() - 1; i >= 0; i--) {                // the last assignment of a key wins
      String a = assignments.get(i);
      String path = a.substring(0, Math.max(0, a.indexOf('='))).trim();
      if (!path.isEmpty() && (key.equals(path) || key.startsWith(path + "."))) {
        return new ConfigException("--set " + a + ": " + msg.substring(file.length() + 2), e);
      }
    }
    return e;
  }

  private static final Pattern KEY = Pattern.compile("key '([^']+)'");

  private static JsonNode parseValue(String text, String path) {
    try {
      JsonNode v = Mappers.YAML.readTree(text.isEmpty() ? "''" : text);
      return v == null ? Mappers.YAML.getNodeFactory().textNode(text) : v;
    } catch (JsonProcessingException e) {
      throw new ConfigException("--set " + path + ": cannot read value '" + text + "'");
    }
  }
}
