package dev.unlearn4j.spark;

import dev.unlearn4j.model.causal.CausalCheckpoint;
import dev.unlearn4j.util.FileTrees;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code unlearn scan}: which records does a model reproduce? Reads the records with Spark, cuts them into batches
 * by their position ({@code index / batch}), scores each batch in a task ({@link ScoreBatches} for a causal model,
 * {@link ClassifyBatches} for a classifier, by the checkpoint's {@code config.json}) and writes
 * the per-record scores as Parquet and CSV, then the summary ({@link ScanSummary}). Everything is written under
 * {@code out + ".partial"} and renamed at the end, so a failed scan leaves no result behind.
 *
 * @param master Spark master URL ({@code local[*]}, {@code spark://host:7077}, {@code yarn})
 * @param partitions shuffle partitions of the batches; 0: Spark's default parallelism
 */
public record MemorisationScan(Path model, Path data, Path out, List<String> metrics, String master, int batch,
    int length, int elN, int top, int partitions) {
  public MemorisationScan {
    metrics = PassageScores.check(metrics);
    if (batch < 1 || length < 2 || elN < 1 || top < 0 || partitions < 0) {
      throw new UnlearnException("scan: --batch, --length, --el-n must be positive (length at least 2), --top and "
          + "--partitions not negative");
    }
  }

  /** Runs the scan; returns the summary it wrote. */
  public ScanSummary run() throws IOException {
    if (Files.exists(out)) {
      throw new UnlearnException(out + ": already exists; a scan never writes into an existing directory");
    }
    if (!Files.isRegularFile(data)) {
      throw new UnlearnException(data + ": no such file");
    }
    boolean causal = CausalCheckpoint.isCausal(model);
    int context = causal ? CausalCheckpoint.config(model).maxPositions() : Integer.MAX_VALUE;
    if (length > context) {
      throw new UnlearnException("--length " + length + ": the model's context is " + context + " tokens");
    }
    if (!causal) {
      ClassifyBatches.open(model.toString());                        // fails early on a bad checkpoint
    }
    List<String> scanned = causal ? metrics : ClassifyBatches.METRICS;
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    FileTrees.delete(partial);
    long t0 = System.nanoTime();
    SparkSession spark = Sessions.open(master, "unlearn scan");
    try {
      Dataset<Row> raw = spark.read().option("header", "true").csv(data.toString());
      List<String> header = Arrays.asList(raw.columns());
      String column = causal ? ScanRecords.contentColumn(header, data.toString())
          : ScanRecords.classifierColumns(header, data.toString());
      long perBatch = batch;                     // a local: the task must not capture this record
      var batches = (causal ? raw.select(ScanRecords.ID, column)
          : raw.select(ScanRecords.ID, ScanRecords.TEXT, ScanRecords.LABEL)).javaRDD().zipWithIndex()
          .mapToPair(r -> new Tuple2<>(r._2() / perBatch, r))
          .groupByKey(partitions > 0 ? partitions : spark.sparkContext().defaultParallelism());
      // kept once scored: the sort below first samples its input to find its ranges, which would score again
      JavaRDD<Row> scored = (causal
          ? batches.flatMap(new ScoreBatches(model.toString(), data.toString(), column, length, metrics, elN))
          : batches.flatMap(new ClassifyBatches(model.toString(), data.toString())))
          .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> scores = spark.createDataFrame(scored, schema(causal, scanned)).orderBy("index").cache();
      scores.write().parquet(partial.resolve("scores.parquet").toString());
      scores.write().option("header", "true").csv(partial.resolve("scores.csv").toString());
      ScanSummary summary = ScanSummary.of(scores, scanned, top, (System.nanoTime() - t0) / 1e9, spark);
      summary.write(partial, model, data);
      Files.move(partial, out);
      return summary;
    } catch (RuntimeException e) {
      throw Sessions.userCause(e);
    } finally {
      spark.stop();
    }
  }

  private static StructType schema(boolean causal, List<String> metrics) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("index", DataTypes.LongType, false));
    f.add(DataTypes.createStructField(ScanRecords.ID, DataTypes.StringType, false));
    if (!causal) {
      f.add(DataTypes.createStructField("prediction", DataTypes.StringType, false));
    }
    metrics.forEach(m -> f.add(DataTypes.createStructField(m, DataTypes.DoubleType, false)));
    return DataTypes.createStructType(f);
  }
}
