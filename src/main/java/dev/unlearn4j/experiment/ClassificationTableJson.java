package dev.unlearn4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.experiment.FinishedRuns.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment of the classification table as a {@link TableJson.Group}: rows {@code original}, {@code oracle},
 * {@code sisa-ensemble} (when SISA ran) and one per method, with every summary metric of the row's phase and, for
 * the methods, the timing values as {@code timing.<key>}.
 */
final class ClassificationTableJson {
  private ClassificationTableJson() {}

  static TableJson.Group group(String experiment, Map<String, List<Run>> byMethod, List<Run> perSeed) {
    List<TableJson.Row> rows = new ArrayList<>();
    rows.add(row("original", perSeed, "before"));
    rows.add(row("oracle", perSeed, "oracle"));
    if (byMethod.containsKey("sisa")) {
      rows.add(row("sisa-ensemble", byMethod.get("sisa"), "ensemble"));
    }
    byMethod.forEach((m, rs) -> rows.add(row(m, rs, "after")));
    Run first = perSeed.get(0);
    return new TableJson.Group(experiment, first.summary().path("dataset").asText(), scenario(first),
        forgetFraction(first), rows);
  }

  private static TableJson.Row row(String name, List<Run> runs, String phase) {
    boolean method = phase.equals("after");
    Map<String, Integer> stopped = null;
    if (method && runs.stream().anyMatch(r -> r.summary().path("timing").has("stopped_by_rule"))) {
      stopped = new LinkedHashMap<>();
      int rule = (int) runs.stream().filter(r -> r.value("timing", "stopped_by_rule") == 1.0).count();
      stopped.put("rule", rule);
      stopped.put("cap", runs.size() - rule);
    }
    return TableJson.row(name, runs, phase.equals("ensemble") ? "before" : phase, method,
        (r, k) -> ClassificationTable.value(r, phase, k), stopped);
  }

  /** The run's forget mode (random, mislabelled, class, ids), from its config.yaml; null without one. */
  private static String scenario(Run r) {
    if (!Files.isRegularFile(r.dir().resolve(RunDirectory.CONFIG))) {
      return null;
    }
    try {
      JsonNode cfg = Mappers.YAML.readTree(r.dir().resolve(RunDirectory.CONFIG).toFile());
      return cfg.path("forget").path("mode").asText("random");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgotten share of the training data: |forget| / (|forget| + |retain|) from the run's split files. */
  private static Double forgetFraction(Run r) {
    try {
      long f = lines(r.dir().resolve(RunDirectory.SPLITS).resolve("forget.txt"));
      long k = lines(r.dir().resolve(RunDirectory.SPLITS).resolve("retain.txt"));
      return f + k == 0 ? null : (double) f / (f + k);
    } catch (IOException e) {
      return null;                                  // runs from before split files were written
    }
  }

  private static long lines(Path p) throws IOException {
    try (var s = Files.lines(p)) {
      return s.filter(l -> !l.isBlank()).count();
    }
  }
}
