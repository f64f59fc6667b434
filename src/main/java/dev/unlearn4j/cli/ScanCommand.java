package dev.unlearn4j.cli;

import dev.unlearn4j.spark.MemorisationScan;
import dev.unlearn4j.spark.ScanSummary;
import dev.unlearn4j.spark.Sessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unlearn scan}: per-record memorisation and membership scores of a causal model or classifier, on Spark. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Score every record of a CSV against a causal checkpoint (columns id and tokens or text: loss, "
        + "MA, EL_n with ICU's and Jang et al.'s prompts, zlib, min-k%%++) or a classifier (id, text, label: "
        + "prediction, loss, correct, membership); writes scores.parquet/, scores.csv/, summary.json, summary.md "
        + "and histogram.png. Runs on Spark, local[*] unless --master.")
public final class ScanCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "causal or classifier checkpoint directory")
  Path model;

  @Option(names = "--data", required = true, description = "CSV of records: id and tokens (ids) or text; for a "
      + "classifier id, text and label")
  Path data;

  @Option(names = "--out", required = true, description = "output directory (must not exist)")
  Path out;

  @Option(names = "--metrics", split = ",", defaultValue = "loss,ma,el_icu,el_jang,zlib,minkpp",
      description = "causal models: a subset of ${DEFAULT-VALUE}")
  List<String> metrics;

  @Option(names = "--length", defaultValue = "200", description = "tokens per record: longer ones are cut, shorter "
      + "ones refused (${DEFAULT-VALUE})")
  int length;

  @Option(names = "--batch", defaultValue = "32", description = "records scored together (${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--el-n", defaultValue = "10", description = "n of EL_n (${DEFAULT-VALUE})")
  int elN;

  @Option(names = "--top", defaultValue = "20", description = "most memorised records in the summary "
      + "(${DEFAULT-VALUE})")
  int top;

  @Option(names = "--master", defaultValue = Sessions.LOCAL, description = "Spark master URL (${DEFAULT-VALUE})")
  String master;

  @Option(names = "--partitions", defaultValue = "0", description = "partitions of the batches; 0: Spark's "
      + "default parallelism (${DEFAULT-VALUE})")
  int partitions;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ScanSummary s = new MemorisationScan(model, data, out, metrics, master, batch, length, elN, top, partitions)
        .run();
    PrintWriter o = spec.commandLine().getOut();
    o.printf("%d records in %.1f s (%.1f records/s) on %s%n", s.records(), s.seconds(), s.records() / s.seconds(),
        s.master());
    for (Map<String, Object> r : s.top().subList(0, Math.min(5, s.top().size()))) {
      o.printf("  %-24s %s %.4f%n", r.get("id"), s.rankedBy(), (Double) r.get(s.rankedBy()));
    }
    o.println("written " + out + "/{scores.parquet/, scores.csv/, summary.json, summary.md, histogram.png}");
    o.flush();
    return 0;
  }
}
