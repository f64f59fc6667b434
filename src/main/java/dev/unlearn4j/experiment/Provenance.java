package dev.unlearn4j.experiment;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where and from what a run was produced, written as {@code provenance.json}.
 *
 * @param inputs SHA-256 of every input: files by path, generated or loaded data by {@code dataset:<name>}
 */
public record Provenance(
    long seed,
    String gitCommit,
    String unlearn4jVersion,
    String jdk,
    String nd4jBackend,
    String nd4jVersion,
    Host host,
    String start,
    String end,
    Map<String, String> inputs) {

  /**
   * The machine.
   *
   * @param threads ND4J's native threads ({@code OMP_NUM_THREADS}, default the cores): a run reproduces exactly only
   *     on the same count, because the native sums split their work by it
   */
  public record Host(String os, int cores, int threads, long maxHeapBytes, long physicalMemoryBytes) {
    /** ND4J's native thread count in this process. */
    public static int nativeThreads() {
      return Nd4j.getEnvironment().maxThreads();
    }

    static Host current() {
      long phys = -1;
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof OperatingSystemMXBean os) {
        phys = os.getTotalMemorySize();
      }
      return new Host(System.getProperty("os.name") + " " + System.getProperty("os.arch"),
          Runtime.getRuntime().availableProcessors(), nativeThreads(), Runtime.getRuntime().maxMemory(), phys);
    }
  }

  public static Provenance of(long seed, String start, String end, Map<String, String> inputs) {
    return new Provenance(seed, currentGitCommit(), BuildInfo.version(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        Nd4j.getBackend().getClass().getSimpleName(), BuildInfo.dl4jVersion(), Host.current(), start, end,
        inputs);
  }

  /** HEAD of the working directory's git repository, suffixed "-dirty" with local changes; "unknown" if none. */
  static String currentGitCommit() {
    String head = git("rev-parse", "HEAD");
    if (head == null || head.isEmpty()) {
      return "unknown";
    }
    String status = git("status", "--porcelain", "--untracked-files=no");
    return status != null && !status.isEmpty() ? head + "-dirty" : head;
  }

  private static String git(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
