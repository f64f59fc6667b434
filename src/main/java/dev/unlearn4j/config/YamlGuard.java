package dev.unlearn4j.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * What the YAML reader accepts but a config must not contain, checked on the token stream before binding: a key given
 * twice in one mapping (the tree reader keeps the last, so a second {@code train:} block would silently drop the
 * first), anchors and aliases (Jackson reads {@code *name} as the string {@code name}), and text so large that the
 * scanner takes seconds or hangs.
 */
public final class YamlGuard {
  /** Configs are a few kilobytes; the scanner needs seconds for a few megabytes of one quoted string. */
  public static final int MAX_CHARS = 1 << 20;

  private YamlGuard() {}

  public static void check(String yaml) {
    if (yaml.length() > MAX_CHARS) {
      throw new ConfigException("the config is " + yaml.length() + " characters; at most " + MAX_CHARS
          + " are read (a config lists only what differs from the defaults)");
    }
    try (JsonParser p = Mappers.YAML.getFactory().createParser(yaml)) {
      Deque<Set<String>> keys = new ArrayDeque<>();                 // the keys seen in each open mapping
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        int line = p.currentLocation().getLineNr();
        String ref = ((YAMLParser) p).isCurrentAlias() ? "alias '*" + p.getText()
            : p.getObjectId() != null ? "anchor '&" + p.getObjectId() : null;
        if (ref != null) {
          throw new ConfigException("line " + line + ": " + ref + "' at key '" + key(p)
              + "': anchors and aliases are not supported; write the value out");
        }
        switch (t) {
          case START_OBJECT -> keys.push(new HashSet<>());
          case END_OBJECT -> keys.pop();
          case FIELD_NAME -> {
            if (!keys.peek().add(p.currentName())) {
              throw new ConfigException("line " + line + ": key '" + key(p) + "' is given twice in one mapping; "
                  + "merge the two");
            }
          }
          default -> { }
        }
      }
    } catch (IOException e) {
      return;                                                       // malformed YAML: the tree reader says where
    }
  }

  /** The dotted path of the current token's key, as {@code --set} spells it. */
  private static String key(JsonParser p) {
    Deque<String> parts = new ArrayDeque<>();
    for (var c = p.getParsingContext(); c != null; c = c.getParent()) {
      if (c.getCurrentName() != null) {
        parts.push(c.getCurrentName());
      } else if (c.inArray()) {
        parts.push(String.valueOf(Math.max(0, c.getCurrentIndex())));
      }
    }
    return String.join(".", parts);
  }
}
