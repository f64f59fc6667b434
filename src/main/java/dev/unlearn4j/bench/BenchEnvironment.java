package dev.unlearn4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;

/** What a benchmark figure depends on besides the code: CPU, cores, JVM, ND4J backend and thread settings. */
public final class BenchEnvironment {
  private BenchEnvironment() {}

  private static final String[] VARIABLES = {"OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"};

  public static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", cpuModel());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("avx512", cpuFlags().contains(" avx512f"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    m.put("backend", Nd4j.getBackend().getClass().getSimpleName());
    Map<String, String> vars = new LinkedHashMap<>();
    for (String v : VARIABLES) {
      vars.put(v, System.getenv().getOrDefault(v, "(unset)"));
    }
    m.put("environment", vars);
    return m;
  }

  private static String cpuModel() {
    return cpuinfo("model name").orElse(System.getProperty("os.arch"));
  }

  private static String cpuFlags() {
    return " " + cpuinfo("flags").orElse("") + " ";
  }

  private static java.util.Optional<String> cpuinfo(String key) {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();     // not Linux: the figure is still usable without it
    }
  }
}
