package dev.unlearn4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Binds a (partial) config tree onto a record's defaults: the defaults are written to a tree, the given values are
 * merged over them and the result is read back strictly. Errors name the full dotted key.
 */
public final class Bind {
  private Bind() {}

  /**
   * @param given the values from the file and overrides (may be null or missing: defaults only)
   * @param defaults the component's defaults, declared next to the component
   * @param keyPrefix the dotted path of {@code given} in the experiment file, e.g. "method.args"
   */
  public static <T> T strict(JsonNode given, T defaults, Class<T> type, String keyPrefix) {
    ObjectNode merged = Mappers.YAML.valueToTree(defaults);
    if (given != null && !given.isMissingNode() && !given.isNull()) {
      if (!given.isObject()) {
        throw new ConfigException("key '" + keyPrefix + "' must be a mapping, got " + given.getNodeType());
      }
      merge(merged, (ObjectNode) given);
    }
    return read(merged, type, keyPrefix);
  }

  /** Reads a complete tree into {@code type}, translating Jackson's errors into one-line key errors. */
  public static <T> T read(JsonNode tree, Class<T> type, String keyPrefix) {
    try {
      return Mappers.YAML.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String key = join(keyPrefix, path(e));
      throw new ConfigException("unknown key '" + key + "'" + suggestion(e.getPropertyName(),
          e.getKnownPropertyIds()) + "; known: "
          + new TreeSet<>(e.getKnownPropertyIds().stream().map(Object::toString).toList()));
    } catch (InvalidFormatException e) {
      throw new ConfigException("key '" + join(keyPrefix, path(e)) + "' expects "
          + article(e.getTargetType()) + ", got '" + e.getValue() + "'");
    } catch (MismatchedInputException e) {
      JsonNode given = valueAt(tree, e);
      throw new ConfigException("key '" + join(keyPrefix, path(e)) + "' expects "
          + article(e.getTargetType()) + (given != null ? ", got '" + (given.isTextual() ? given.asText()
          : given.toString()) + "'" : ": "
          + firstLine(e.getOriginalMessage())));
    } catch (JsonMappingException e) {
      Throwable root = e.getCause() instanceof ConfigException c ? c : e;
      if (root instanceof ConfigException c) {
        throw c;
      }
      throw new ConfigException("key '" + join(keyPrefix, path(e)) + "': " + firstLine(e.getOriginalMessage()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("key '" + keyPrefix + "': " + firstLine(e.getMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigException("key '" + keyPrefix + "': " + firstLine(e.getOriginalMessage()));
    }
  }

  /** Deep merge: objects merge key by key; anything else in {@code over} replaces the value in {@code base}. */
  public static void merge(ObjectNode base, ObjectNode over) {
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = base.get(e.getKey());
      if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
        merge(eo, vo);
      } else {
        base.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** The offending value in the tree, or null when the path does not lead to one. */
  private static JsonNode valueAt(JsonNode tree, JsonMappingException e) {
    JsonNode n = tree;
    for (JsonMappingException.Reference r : e.getPath()) {
      n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
      if (n == null) {
        return null;
      }
    }
    return n == tree ? null : n;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String join(String prefix, String path) {
    if (prefix == null || prefix.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? prefix : prefix + "." + path;
  }

  static String suggestion(String given, Collection<Object> known) {
    LevenshteinDistance lev = LevenshteinDistance.getDefaultInstance();
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (Object k : known) {
      int d = lev.apply(given.toLowerCase(), k.toString().toLowerCase());
      if (d < bestD) {
        bestD = d;
        best = k.toString();
      }
    }
    return best != null && bestD <= Math.max(2, given.length() / 3) ? " (did you mean '" + best + "'?)" : "";
  }

  private static String article(Class<?> t) {
    if (t == null) {
      return "another type";
    }
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      return "an integer";
    }
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      return "a number";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "true or false";
    }
    if (t.isEnum()) {
      return "one of " + Arrays.toString(t.getEnumConstants()).toLowerCase();
    }
    if (t == String.class) {
      return "a string";
    }
    return "a " + t.getSimpleName();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
