package dev.unlearn4j.bench;

import dev.unlearn4j.experiment.Memory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's result rows, printed as they are measured and kept for the JSON. Every row carries its ratio to
 * onnxruntime's forward pass measured in the same run — of the same batch for MiniLM, of MiniLM's first batch for
 * the causal model — because that yardstick moves with the host far less than the GEMM ceiling, so ratios compare
 * across machines; and the peak resident memory while its shape ran.
 */
public final class BenchRows {
  private final PrintWriter out;
  private final List<Map<String, Object>> rows = new ArrayList<>();
  /** MiniLM's first measured batch and its onnxruntime forward median: the causal rows' yardstick. */
  private Map.Entry<String, Double> firstOnnx;
  private long peakRss = -1;

  public BenchRows(PrintWriter out) {
    this.out = out;
    out.printf("%-18s %-8s %8s %10s %7s %9s %7s %9s %8s%n", "model shape", "what", "GFLOP", "median ms", "spread",
        "GFLOP/s", "x ORT", "faults", "peak GB");
  }

  /** Starts a shape: what ran before it counts towards the whole bench's peak, not the shape's. */
  public void startShape() {
    peakRss = Math.max(peakRss, Memory.takePeakRssBytes());
  }

  /** Ends a shape: prints and keeps its rows with the peak resident memory since {@link #startShape}. */
  public void add(String model, String shape, ShapeResult r) {
    long peak = Memory.takePeakRssBytes();
    peakRss = Math.max(peakRss, peak);
    if (r.onnxRuntime() != null && firstOnnx == null) {
      firstOnnx = Map.entry(shape, r.onnxRuntime().median());
    }
    Map.Entry<String, Double> by = r.onnxRuntime() != null ? Map.entry(shape, r.onnxRuntime().median()) : firstOnnx;
    Double yardstick = by == null ? null : by.getValue();
    String against = by == null ? null : "minilm " + by.getKey();
    row(model, shape, "forward", r.forwardGflop(), r.forward(), r, yardstick, against, peak);
    row(model, shape, "train", r.stepGflop(), r.step(), r, yardstick, against, peak);
    if (r.onnxRuntime() != null) {
      row(model, shape, "ort-fwd", r.forwardGflop(), r.onnxRuntime(), r, yardstick, against, peak);
    }
    r.decoding().forEach((what, t) -> row(model, shape, what, Double.NaN, t, r, yardstick, against, peak));
    out.flush();
  }

  public List<Map<String, Object>> rows() {
    return rows;
  }

  /** The highest resident memory of the process so far, in bytes (-1 where /proc is not available). */
  public long peakRssBytes() {
    return Math.max(peakRss, Memory.peakRssBytes());
  }

  private void row(String model, String shape, String what, double gflop, Timings t, ShapeResult r,
      Double yardstick, String against, long peak) {
    double sec = t.median() / 1e3;
    Double ratio = yardstick == null ? null : t.median() / yardstick;
    out.printf("%-18s %-8s %8.1f %10.1f %6.0f%% %9.1f %7s %9.0f %8.2f%n", model + " " + shape, what, gflop,
        t.median(), 100 * t.spread(), gflop / sec, ratio == null ? "-" : String.format("%.2f", ratio),
        t.faultsPerRep(), peak / 1e9);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("shape", shape);
    m.put("what", what);
    m.put("gflop", Double.isNaN(gflop) ? null : gflop);
    m.put("median_ms", t.median());
    m.put("min_ms", t.min());
    m.put("max_ms", t.max());
    m.put("spread", t.spread());
    m.put("tokens_per_s", (double) r.batch() * r.length() / sec);
    m.put("gflops", Double.isNaN(gflop) ? null : gflop / sec);
    m.put("ort_ratio", ratio);
    m.put("ort_yardstick", against);
    m.put("minor_faults_per_rep", t.faultsPerRep());
    m.put("peak_rss_bytes", peak);
    m.put("millis", t.millis());
    rows.add(m);
  }
}
