package dev.unlearn4j.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.util.AtomicFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
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
   * A row of finished runs: every key of their {@code phase} block of the summary (except the {@code monolithic.*}
   * copies SISA keeps of the shared original), and with {@code withTiming} every timing key as
   * {@code timing.<key>}.
   *
   * @param value a run's value of a phase key, NaN when it has none
   */
  public static Row row(String method, List<FinishedRuns.Run> runs, String phase, boolean withTiming,
      BiFunction<FinishedRuns.Run, String, Double> value, Map<String, Integer> stoppedBy) {
    Set<String> keys = new LinkedHashSet<>();
    runs.forEach(r -> r.summary().path(phase).fieldNames().forEachRemaining(k -> {
      if (!k.startsWith("monolithic.")) {
        keys.add(k);
      }
    }));
    if (withTiming) {
      runs.forEach(r -> r.summary().path("timing").fieldNames().forEachRemaining(k -> keys.add(TIMING + k)));
    }
    Map<String, Stat> metrics = new LinkedHashMap<>();
    for (String k : keys) {
      ToDoubleFunction<FinishedRuns.Run> f = r -> k.startsWith(TIMING) ? r.value("timing",
          k.substring(TIMING.length())) : value.apply(r, k);
      metrics.put(k, Stat.of(runs.stream().mapToDouble(f).toArray()));
    }
    return new Row(method, runs.size(), metrics, stoppedBy);
  }

  private static final String TIMING = "timing.";

  /** Writes {@code table.json} under {@code root}. */
  public static void write(Path root, List<Group> groups) {
    try {
      AtomicFiles.writeString(root.resolve("table.json"), Mappers.JSON.writeValueAsString(new Table(groups)) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
