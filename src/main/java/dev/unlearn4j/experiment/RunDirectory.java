package dev.unlearn4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code <output>/<experiment>/<run-id>/}: config.yaml, provenance.json, splits/, train_log.csv, metrics.csv,
 * model/, report.md and, last and only on success, summary.json (written by {@link RunRecord}). An existing run
 * directory is never reused.
 */
public final class RunDirectory {
  public static final String CONFIG = "config.yaml";
  public static final String PROVENANCE = "provenance.json";
  public static final String METRICS = "metrics.csv";
  public static final String SUMMARY = "summary.json";
  public static final String REPORT = "report.md";
  public static final String TRAIN_LOG = "train_log.csv";
  public static final String SPLITS = "splits";
  public static final String CHECKPOINTS = "checkpoints";
  /** The unlearned model's checkpoint directory. */
  public static final String MODEL = "model";

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** An existing, unfinished run directory (no summary.json), to resume. */
  public static RunDirectory unfinished(Path dir) {
    if (!Files.isRegularFile(dir.resolve(CONFIG))) {
      throw new UnlearnException(dir + ": not a run directory (no " + CONFIG + ")");
    }
    if (Files.exists(dir.resolve(SUMMARY))) {
      throw new UnlearnException(dir + ": the run finished already (summary.json exists); nothing to resume");
    }
    return new RunDirectory(dir);
  }

  /** A new directory at exactly {@code dir} (its parent is created; the directory itself must not exist). */
  public static RunDirectory at(Path dir) {
    try {
      Files.createDirectories(dir.toAbsolutePath().getParent());
      return new RunDirectory(Files.createDirectory(dir));
    } catch (IOException e) {
      throw new UnlearnException("cannot create output directory " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Creates a new run directory.
   *
   * @param runId explicit id, or null for {@code <UTC time>-s<seed>} (with a numeric suffix if taken)
   */
  public static RunDirectory create(Path output, String experiment, String runId, long seed) {
    Path parent = output.resolve(experiment);
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UnlearnException("cannot create output directory " + parent + ": " + e.getMessage());
    }
    if (!Files.isWritable(parent)) {
      throw new UnlearnException("output directory " + parent + " is not writable");
    }
    if (runId != null) {
      return new RunDirectory(createExclusive(parent.resolve(runId), true));
    }
    String base = utcStamp() + "-s" + seed;
    for (int i = 0; ; i++) {
      Path p = createExclusive(parent.resolve(i == 0 ? base : base + "-" + i), false);
      if (p != null) {
        return new RunDirectory(p);
      }
    }
  }

  /** The current UTC time as {@code yyyyMMdd-HHmmss}, the stamp of default run and output directory names. */
  public static String utcStamp() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  /** Fails now, before any work, when an explicit run id is taken (create would fail only after the work). */
  public static void requireFree(Path output, String experiment, String runId) {
    if (runId != null && Files.exists(output.resolve(experiment).resolve(runId))) {
      throw new UnlearnException(taken(output.resolve(experiment).resolve(runId)));
    }
  }

  private static String taken(Path p) {
    return "run directory " + p + " already exists; choose another --run-id";
  }

  private static Path createExclusive(Path p, boolean failIfExists) {
    try {
      return Files.createDirectory(p);
    } catch (FileAlreadyExistsException e) {
      if (failIfExists) {
        throw new UnlearnException(taken(p));
      }
      return null;
    } catch (IOException e) {
      throw new UnlearnException("cannot create run directory " + p + ": " + e.getMessage());
    }
  }

  public Path path() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  public void writeString(String name, String content) {
    AtomicFiles.writeString(dir.resolve(name), content);
  }

  /** Writes {@code value} as indented JSON (summary.json, provenance.json). */
  public void writeJson(String name, Object value) {
    try {
      writeString(name, Mappers.JSON.writeValueAsString(value) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
