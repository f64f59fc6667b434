package dev.unlearn4j.spark;

import dev.unlearn4j.util.UnlearnException;
import org.apache.spark.sql.SparkSession;

/** Spark sessions for this project's jobs, and the user-facing cause of a failed job. */
public final class Sessions {
  private Sessions() {}

  /** The master when none is given: every core of this machine. */
  public static final String LOCAL = "local[*]";

  /** A session on {@code master}, without the web UI (a batch job; nobody watches it). */
  public static SparkSession open(String master, String app) {
    return SparkSession.builder().master(master).appName(app).config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8").getOrCreate();
  }

  /**
   * The {@link UnlearnException} a task threw (bad input names its file and id), found in the chain Spark wraps
   * it in; otherwise {@code e} itself.
   */
  public static RuntimeException userCause(RuntimeException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof UnlearnException u) {
        return new UnlearnException(u.getMessage(), e);
      }
    }
    return e;
  }
}
