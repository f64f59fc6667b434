package dev.unlearn4j.spark;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.experiment.ExperimentConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of a grid: the cross product of {@code --sweep KEY=v1,v2,...} options, each run named by its values
 * ({@code seed-2_method.name-finetune}) so that a run directory tells which cell it is and a rerun finds it.
 */
public final class GridRuns {
  private GridRuns() {}

  /** One cell: its run id and the {@code --set} overrides that make it. */
  public record Cell(String runId, List<String> overrides) implements java.io.Serializable {}

  /** The cells in the order the sweeps are given, the last sweep varying fastest. */
  public static List<Cell> of(List<String> sweeps) {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (String s : sweeps) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw new ConfigException("--sweep '" + s + "': expected KEY=v1,v2,...");
      }
      String key = s.substring(0, eq);
      List<String> values = List.of(s.substring(eq + 1).split(","));
      if (axes.put(key, values) != null) {
        throw new ConfigException("--sweep: key '" + key + "' given twice");
      }
      if (values.stream().anyMatch(String::isBlank) || values.stream().distinct().count() < values.size()) {
        throw new ConfigException("--sweep '" + s + "': empty or repeated value");
      }
    }
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell("", List.of()));
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<Cell> next = new ArrayList<>();
      for (Cell c : cells) {
        for (String v : axis.getValue()) {
          List<String> o = new ArrayList<>(c.overrides());
          o.add(axis.getKey() + "=" + v);
          String part = (axis.getKey() + "-" + v).replaceAll("[^A-Za-z0-9._-]", "-");
          next.add(new Cell(c.runId().isEmpty() ? part : c.runId() + "_" + part, o));
        }
      }
      cells = next;
    }
    for (Cell c : cells) {
      if (!ExperimentConfig.isDirectoryName(c.runId())) {
        throw new ConfigException("--sweep: run id '" + c.runId() + "' is not a directory name");
      }
    }
    return cells;
  }
}
