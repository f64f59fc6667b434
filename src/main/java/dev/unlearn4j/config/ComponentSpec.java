package dev.unlearn4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A registered component chosen by name with its arguments, e.g. {@code method: {name: deepcut, args: {gamma:
 * 3}}}. The arguments are bound by the component's registry onto the defaults declared next to the component.
 *
 * @param name registry key (required); {@code unlearn list} prints the known names
 * @param args component-specific arguments; omitted keys take the component's defaults
 */
public record ComponentSpec(String name, JsonNode args) {
  public ComponentSpec {
    if (args == null || args.isNull() || args.isMissingNode()) {
      args = JsonNodeFactory.instance.objectNode();
    }
  }
}
