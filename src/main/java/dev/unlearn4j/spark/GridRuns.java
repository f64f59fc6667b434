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

  private static String named(String pattern, List<String> overrides) {
    String id = pattern;
    for (String o : overrides) {
      int eq = o.indexOf('=');
      id = id.replace("{" + o.substring(0, eq) + "}", o.substring(eq + 1));
    }
    if (id.contains("{")) {
      throw new ConfigException("--run-id '" + pattern + "': a {KEY} that is not swept");
    }
    return id;
  }

  /** One cell: its run id and the {@code --set} overrides that make it. */
  public record Cell(String runId, List<String> overrides) implements java.io.Serializable {}

  /** The cells in the order the sweeps are given, the last sweep varying fastest, named by their values. */
  public static List<Cell> of(List<String> sweeps) {
    return of(sweeps, null);
  }

  /**
   * @param runIdPattern names each cell's run, {@code {KEY}} standing for the cell's value of a swept key (e.g.
   *     {@code s{seed}}); null: the values themselves ({@code seed-2_forget.fraction-0.1})
   */
  public static List<Cell> of(List<String> sweeps, String runIdPattern) {
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
    if (runIdPattern != null) {
      cells = cells.stream().map(c -> new Cell(named(runIdPattern, c.overrides()), c.overrides())).toList();
    }
    for (Cell c : cells) {
      if (!ExperimentConfig.isDirectoryName(c.runId())) {
        throw new ConfigException("--sweep: run id '" + c.runId() + "' is not a directory name");
      }
    }
    if (cells.stream().map(Cell::runId).distinct().count() < cells.size()) {
      throw new ConfigException("--run-id '" + runIdPattern + "' gives two cells the same name; name every swept "
          + "key");
    }
    return cells;
  }
}
