package dev.unlearn4j.spark;

import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import scala.Tuple2;

/**
 * What a scan found: how many records, each metric's distribution (mean, min, quartiles, 90th and 99th percentile,
 * max; exact), and the most memorised records — highest EL (ICU's prompts, else Jang's), then MA; lowest loss when
 * neither was scanned (a classifier's scan: the records it fits best, the likeliest training members). Written as
 * {@code summary.json}, {@code summary.md} and a histogram of the ranking metric.
 */
public record ScanSummary(long records, Map<String, Map<String, Double>> distribution, String rankedBy,
    List<Map<String, Object>> top, double[] binEdges, long[] binCounts, double seconds, String master,
    int parallelism) {
  private static final int BINS = 20;
  private static final double[] QUANTILES = {0.25, 0.5, 0.75, 0.9, 0.99};
  private static final String[] QUANTILE_NAMES = {"p25", "median", "p75", "p90", "p99"};

  static ScanSummary of(Dataset<Row> scores, List<String> metrics, int top, double seconds, SparkSession spark) {
    long n = scores.count();
    Map<String, Map<String, Double>> dist = new LinkedHashMap<>();
    String[] cols = metrics.toArray(String[]::new);
    double[][] q = n == 0 ? new double[cols.length][QUANTILES.length]
        : scores.stat().approxQuantile(cols, QUANTILES, 0.0);                 // relative error 0: exact
    List<Column> aggs = new ArrayList<>();                          // one job for every metric's mean, min, max
    for (String c : cols) {
      aggs.addAll(List.of(functions.mean(c), functions.min(c), functions.max(c)));
    }
    Row a = scores.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    for (int i = 0; i < cols.length; i++) {
      Map<String, Double> d = new LinkedHashMap<>();
      d.put("mean", a.isNullAt(3 * i) ? Double.NaN : a.getDouble(3 * i));
      d.put("min", a.isNullAt(3 * i + 1) ? Double.NaN : a.getDouble(3 * i + 1));
      for (int k = 0; k < QUANTILES.length; k++) {
        d.put(QUANTILE_NAMES[k], q[i][k]);
      }
      d.put("max", a.isNullAt(3 * i + 2) ? Double.NaN : a.getDouble(3 * i + 2));
      dist.put(cols[i], d);
    }
    String rank = metrics.contains("el_icu") ? "el_icu" : metrics.contains("el_jang") ? "el_jang"
        : metrics.contains("ma") ? "ma" : metrics.get(0);
    boolean lowFirst = rank.equals("loss") || rank.equals("zlib") || rank.equals("minkpp");
    List<Column> order = new ArrayList<>();
    order.add(lowFirst ? functions.col(rank).asc() : functions.col(rank).desc());
    if (!rank.equals("ma") && metrics.contains("ma")) {
      order.add(functions.col("ma").desc());
    }
    order.add(functions.col("index").asc());                  // ties in input order: the same top on any cluster
    List<Map<String, Object>> best = new ArrayList<>();
    for (Row r : scores.orderBy(order.toArray(Column[]::new)).limit(top).collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.<String>getAs("id"));
      m.put("index", r.<Long>getAs("index"));
      if (Arrays.asList(r.schema().fieldNames()).contains("prediction")) {
        m.put("prediction", r.<String>getAs("prediction"));
      }
      for (String c : cols) {
        m.put(c, r.<Double>getAs(c));
      }
      best.add(m);
    }
    double[] edges = new double[0];
    long[] counts = new long[0];
    if (n > 0) {
      Tuple2<double[], long[]> h = scores.select(rank).javaRDD().mapToDouble(r -> r.getDouble(0)).histogram(BINS);
      edges = h._1();
      counts = h._2();
    }
    return new ScanSummary(n, dist, rank, best, edges, counts, seconds, spark.sparkContext().master(),
        spark.sparkContext().defaultParallelism());
  }

  void write(Path dir, Path model, Path data) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model.toString());
    json.put("data", data.toString());
    json.put("master", master);
    json.put("parallelism", parallelism);
    json.put("records", records);
    json.put("seconds", seconds);
    json.put("records_per_s", records / seconds);
    json.put("ranked_by", rankedBy);
    json.put("distribution", distribution);
    json.put("top", top);
    json.put("histogram", Map.of("metric", rankedBy, "edges", binEdges, "counts", binCounts));
    AtomicFiles.writeString(dir.resolve("summary.json"), Mappers.JSON.writeValueAsString(json) + "\n");
    AtomicFiles.writeString(dir.resolve("summary.md"), markdown(model, data));
    histogram(dir.resolve("histogram.png"));
  }

  private String markdown(Path model, Path data) {
    StringBuilder b = new StringBuilder("# Memorisation scan\n\n");
    b.append(String.format("`%s` over `%s`: %d records in %.1f s on `%s` (parallelism %d).%n%n", model, data,
        records, seconds, master, parallelism));
    b.append("| metric | mean | min | p25 | median | p75 | p90 | p99 | max |\n|---|");
    b.append("---:|".repeat(8)).append('\n');
    distribution.forEach((m, d) -> {
      b.append("| ").append(m);
      d.values().forEach(v -> b.append(String.format(" | %.4f", v)));
      b.append(" |\n");
    });
    b.append("\nMost memorised, by `").append(rankedBy).append("`:\n\n| id |");
    distribution.keySet().forEach(m -> b.append(' ').append(m).append(" |"));
    b.append("\n|---|").append("---:|".repeat(distribution.size())).append('\n');
    for (Map<String, Object> r : top) {
      b.append("| ").append(String.valueOf(r.get("id")).replace("|", "\\|")).append(" |");
      distribution.keySet().forEach(m -> b.append(String.format(" %.4f |", (Double) r.get(m))));
      b.append('\n');
    }
    return b.toString();
  }

  /** Record counts over {@value #BINS} equal bins of the ranking metric's range (Spark's histogram). */
  private void histogram(Path file) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(800).height(450).title("records by " + rankedBy)
        .xAxisTitle(rankedBy + " (bin start)").yAxisTitle("records").build();
    List<String> x = new ArrayList<>();
    List<Long> y = new ArrayList<>();
    for (int i = 0; i < binCounts.length; i++) {
      x.add(String.format("%.3f", binEdges[i]));
      y.add(binCounts[i]);
    }
    if (!x.isEmpty()) {
      chart.addSeries(rankedBy, x, y);
    }
    chart.getStyler().setLegendVisible(false);
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
