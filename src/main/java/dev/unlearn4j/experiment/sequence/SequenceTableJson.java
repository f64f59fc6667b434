package dev.unlearn4j.experiment.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.experiment.FinishedRuns.Run;
import dev.unlearn4j.experiment.TableJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequence table as one {@link TableJson.Group} (the runs of one experiment over its forget sets): an
 * {@code original} row and one row per method or variant, every summary value of the phase, the methods' timing
 * as {@code timing.<key>}, and for each method how its runs stopped.
 */
final class SequenceTableJson {
  private SequenceTableJson() {}

  static TableJson.Group group(Map<String, List<Run>> byMethod, List<Run> originals) {
    List<TableJson.Row> rows = new ArrayList<>();
    rows.add(row("original", originals, "before"));
    byMethod.forEach((m, rs) -> rows.add(row(m, rs, "after")));
    Run first = originals.get(0);
    return new TableJson.Group(first.summary().path("experiment").asText(), corpus(first), "forget-sets", null,
        rows);
  }

  /** The passages' corpus: State of the Union for the planted sets, else the run's own passage files. */
  private static String corpus(Run r) {
    try {
      JsonNode passages = Mappers.YAML.readTree(r.dir().resolve("config.yaml").toFile()).path("passages");
      return passages.isMissingNode() || passages.isNull() ? "sotu" : "passages";
    } catch (IOException e) {
      return null;
    }
  }

  private static TableJson.Row row(String name, List<Run> runs, String phase) {
    boolean method = phase.equals("after");
    Map<String, Integer> stopped = null;
    if (method) {
      stopped = new LinkedHashMap<>();
      for (String cause : List.of("rule", "nothing_flagged", "cap")) {
        stopped.put(cause, 0);
      }
      for (Run r : runs) {
        stopped.merge(stoppedBy(r), 1, Integer::sum);            // one config read per run
      }
    }
    return TableJson.row(name, runs, phase, method, (r, k) -> r.value(phase, k), stopped);
  }

  /**
   * Why a run ended, from its final check: {@code rule} when MA and EL₁₀ are at or below their thresholds,
   * {@code nothing_flagged} when it ended before its epoch cap otherwise (refinement had no passage left to train),
   * else {@code cap} (the epochs ran out).
   */
  static String stoppedBy(Run r) {
    double ma = r.value("after", "forget.ma");
    double el = r.value("after", "forget.el_icu");
    if (ma <= r.value("after", "threshold.ma") && el <= r.value("after", "threshold.el_icu")) {
      return "rule";
    }
    return r.value("after", "epochs") < cap(r) ? "nothing_flagged" : "cap";
  }

  /** The run's epoch cap, method.args.train.epochs of its config.yaml (infinite when unreadable). */
  private static double cap(Run r) {
    try {
      return Mappers.YAML.readTree(r.dir().resolve("config.yaml").toFile()).at("/method/args/train/epochs")
          .asDouble(Double.POSITIVE_INFINITY);
    } catch (IOException e) {
      return Double.POSITIVE_INFINITY;
    }
  }
}
