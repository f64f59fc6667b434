package dev.unlearn4j.experiment;

import dev.unlearn4j.util.Sha256;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every run and every re-evaluation records, for both kinds of experiment, in one place: when it started and
 * how long it has taken, its peak memory, the saved model's hash, and at the end {@code report.md},
 * {@code provenance.json} and, last, {@code summary.json}, whose presence marks a complete directory. The kinds
 * differ only in what they measure and how their report reads.
 */
public final class RunRecord {
  private final String start;
  private final long t0;

  private RunRecord() {
    this.start = Instant.now().toString();
    this.t0 = System.nanoTime();
  }

  /** Starts the clock: the provenance's start time and the origin of {@code total_s}. */
  public static RunRecord begin() {
    return new RunRecord();
  }

  /** Seconds since {@link #begin}. */
  public double elapsed() {
    return secondsSince(t0);
  }

  /** Seconds since a {@link System#nanoTime()} reading. */
  public static double secondsSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1e9;
  }

  /** The process's peak heap and resident set so far, the summary's {@code memory} block. */
  public static Map<String, Long> peakMemory() {
    Map<String, Long> memory = new LinkedHashMap<>();
    memory.put("peak_heap_bytes", Memory.peakHeapBytes());
    memory.put("peak_rss_bytes", Memory.peakRssBytes());
    return memory;
  }

  /**
   * Saves a model as the run's {@code model/} checkpoint (a new directory: the original is never written) and
   * returns the SHA-256 of its weights, the provenance's {@code unlearned-model}.
   */
  public static String saveModel(RunDirectory run, Consumer<Path> save) {
    save.accept(run.file(RunDirectory.MODEL));
    return Sha256.of(run.file(RunDirectory.MODEL).resolve("model.safetensors"));
  }

  /**
   * Ends the record: provenance (start, now, the inputs' hashes), the report rendered from it (none when
   * {@code report} is null), then the summary.
   */
  public void finish(RunDirectory dir, long seed, Map<String, String> inputs, Summary summary,
      Function<Provenance, String> report) {
    Provenance prov = Provenance.of(seed, start, Instant.now().toString(), inputs);
    if (report != null) {
      dir.writeString(RunDirectory.REPORT, report.apply(prov));
    }
    dir.writeJson(RunDirectory.PROVENANCE, prov);
    dir.writeJson(RunDirectory.SUMMARY, summary);
  }
}
