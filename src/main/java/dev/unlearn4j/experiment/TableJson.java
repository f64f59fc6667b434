package dev.unlearn4j.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.util.AtomicFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The machine-readable twin of {@code table.md}: {@code table.json} with groups (one experiment each) of rows (one
 * method, or the original / oracle), each metric as mean and sample standard deviation over the row's runs. A
 * metric missing from any run of a row has a null mean; a single run has a null std.
 */
public final class TableJson {
  private TableJson() {}

  /** Mean and sample standard deviation; null where undefined. */
  public record Stat(Double mean, Double std) {
    static Stat of(double[] xs) {
      if (xs.length == 0 || Arrays.stream(xs).anyMatch(Double::isNaN)) {
        return new Stat(null, null);
      }
      double mean = Arrays.stream(xs).sum() / xs.length;
      if (xs.length < 2) {
        return new Stat(mean, null);
      }
      double ss = Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum();
      return new Stat(mean, Math.sqrt(ss / (xs.length - 1)));
    }
  }

  /**
   * One row.
   *
   * @param stoppedBy how many runs ended by each cause ({@code rule}, {@code nothing_flagged}, {@code cap}); null
   *     when the runs had no stopping rule
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(String method, int runs, Map<String, Stat> metrics,
      @JsonProperty("stopped_by") Map<String, Integer> stoppedBy) {}

  /** One experiment: its rows, with the dataset, the forget scenario (forget mode) and the share forgotten. */
  public record Group(String name, String dataset, String scenario,
      @JsonProperty("forget_fraction") Double forgetFraction, List<Row> rows) {}

  record Table(List<Group> groups) {}

  /**
   * A row of {@code runs}: every key in {@code keys}, each read from each run by {@code value}.
   *
   * @param value a run's value of a key, NaN when it has none
   */
  public static <R> Row row(String method, List<R> runs, List<String> keys, java.util.function.BiFunction<R, String,
      Double> value, Map<String, Integer> stoppedBy) {
    Map<String, Stat> metrics = new LinkedHashMap<>();
    for (String k : keys) {
      ToDoubleFunction<R> f = r -> value.apply(r, k);
      metrics.put(k, Stat.of(runs.stream().mapToDouble(f).toArray()));
    }
    return new Row(method, runs.size(), metrics, stoppedBy);
  }

  /** Writes {@code table.json} under {@code root}. */
  public static void write(Path root, List<Group> groups) {
    try {
      AtomicFiles.writeString(root.resolve("table.json"), Mappers.JSON.writeValueAsString(new Table(groups)) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
