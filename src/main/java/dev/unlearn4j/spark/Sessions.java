package dev.unlearn4j.spark;

import dev.unlearn4j.util.UnlearnException;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/** Spark sessions for this project's jobs, and the user-facing cause of a failed job. */
public final class Sessions {
  private Sessions() {}

  /** The master when none is given: every core of this machine. */
  public static final String LOCAL = "local[*]";

  /**
   * A session on {@code master}, without the web UI (a batch job; nobody watches it). On a cluster the executors
   * get this project's jars (every class-path jar outside Spark's own, {@code target/spark-lib}), the packages this
   * JVM was started with opened (the launcher's list, which Spark needs on Java 17) and passive OpenMP waiting.
   */
  public static SparkSession open(String master, String app) {
    return open(master, app, Map.of());
  }

  /** {@link #open(String, String)} with further Spark settings. */
  public static SparkSession open(String master, String app, Map<String, String> settings) {
    SparkSession.Builder b = SparkSession.builder().master(master).appName(app).config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8");
    settings.forEach(b::config);
    if (master.startsWith("local")) {
      // everything in this JVM: bind to the loopback interface, so a host whose name resolves oddly still works
      b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    } else {
      b.config("spark.jars", String.join(",", projectJars()))
          .config("spark.executor.extraJavaOptions", ManagementFactory.getRuntimeMXBean().getInputArguments()
              .stream().filter(a -> a.startsWith("--add-opens=")).collect(Collectors.joining(" "))
              + " -Dai.djl.offline=true")
          .config("spark.executorEnv.OMP_WAIT_POLICY", "passive");
    }
    return b.getOrCreate();
  }

  /** The jars of this JVM's class path that Spark does not bring itself. */
  static List<String> projectJars() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(j -> j.endsWith(".jar") && !j.contains("spark-lib")).toList();
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
