package dev.unlearn4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The finished runs under a results directory (a {@code summary.json} at most at {@code <experiment>/<run-id>}),
 * which the result tables merge; unfinished runs have no summary and are not listed.
 */
public final class FinishedRuns {
  private FinishedRuns() {}

  /** One finished run: its directory and its parsed summary. */
  public record Run(Path dir, JsonNode summary) {
    /** A sequence run (it has ICU's per-epoch {@code refinement_log.csv}). */
    public boolean sequence() {
      return Files.isRegularFile(dir.resolve("refinement_log.csv"));
    }

    /** A summary value, NaN when missing. */
    public double value(String phase, String key) {
      return summary.path(phase).path(key).asDouble(Double.NaN);
    }

    /**
     * This run with what a later {@code unlearn eval} of its model added ({@code eval-*}{@code /summary.json} in
     * the run directory, in name order; e.g. a metric too slow to compute in every run): each before/after value
     * the run's own summary lacks is taken from the first evaluation that has it. The run's own values are kept.
     */
    public Run withLaterEvals() {
      Run merged = this;
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.filter(d -> d.getFileName().toString().startsWith("eval-")).sorted()
            .map(d -> d.resolve(RunDirectory.SUMMARY)).filter(Files::isRegularFile).toList()) {
          merged = merged.filledFrom(Mappers.JSON.readTree(f.toFile()), "before", "after");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return merged;
    }

    /** This run with each value of {@code phases} its summary lacks taken from {@code other}'s; its own are kept. */
    public Run filledFrom(JsonNode other, String... phases) {
      ObjectNode merged = summary.deepCopy();
      for (String phase : phases) {
        if (merged.get(phase) instanceof ObjectNode own) {
          other.path(phase).fields().forEachRemaining(e -> own.putIfAbsent(e.getKey(), e.getValue()));
        }
      }
      return new Run(dir, merged);
    }
  }

  /** Every finished run under {@code root}, in path order. */
  public static List<Run> under(Path root) {
    try (Stream<Path> s = Files.walk(root, 3)) {
      List<Run> runs = new ArrayList<>();
      for (Path p : s.filter(f -> f.getFileName().toString().equals(RunDirectory.SUMMARY)).sorted().toList()) {
        runs.add(new Run(p.getParent(), Mappers.JSON.readTree(p.toFile())));
      }
      return runs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
