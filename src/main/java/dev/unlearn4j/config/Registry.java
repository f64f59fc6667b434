package dev.unlearn4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Named components of one kind (methods, models, datasets). Each entry declares its argument record and defaults,
 * so arguments are bound strictly and the resolved arguments can be written back into the run's config.
 *
 * @param <T> what an entry creates
 */
public final class Registry<T> {
  /** One registered component. */
  public record Entry<A, T>(
      String name, String summary, Class<A> argsType, Supplier<A> defaults, Function<A, T> factory) {
    T create(A args) {
      return factory.apply(args);
    }
  }

  /** A created component with the arguments it was created from (defaults filled in). */
  public record Resolved<T>(T component, Object args, JsonNode argsTree) {}

  private final String kind;
  private final Map<String, Entry<?, T>> entries = new LinkedHashMap<>();

  public Registry(String kind) {
    this.kind = kind;
  }

  public <A> Registry<T> add(
      String name, String summary, Class<A> argsType, Supplier<A> defaults, Function<A, T> factory) {
    if (entries.put(name, new Entry<>(name, summary, argsType, defaults, factory)) != null) {
      throw new IllegalStateException("duplicate " + kind + " '" + name + "'");
    }
    return this;
  }

  public List<Entry<?, T>> entries() {
    return new ArrayList<>(entries.values());
  }

  public List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /** Binds {@code spec.args()} over the entry's defaults and creates the component. */
  public Resolved<T> resolve(ComponentSpec spec, String key) {
    Entry<?, T> entry = entry(spec.name(), key);
    return resolveWith(entry, spec.args(), key);
  }

  private <A> Resolved<T> resolveWith(Entry<A, T> entry, JsonNode args, String key) {
    A bound = Bind.strict(args, entry.defaults().get(), entry.argsType(), key + ".args");
    return new Resolved<>(entry.create(bound), bound, Mappers.YAML.valueToTree(bound));
  }

  public Entry<?, T> entry(String name, String key) {
    Entry<?, T> e = entries.get(name);
    if (e == null) {
      throw new ConfigException(
          "unknown " + kind + " '" + name + "' at key '" + key + ".name'; known: " + entries.keySet());
    }
    return e;
  }
}
