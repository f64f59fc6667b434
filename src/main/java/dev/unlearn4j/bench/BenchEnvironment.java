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
    Map<String, String> cpu = cpuinfo();
    m.put("cpu", cpu.getOrDefault("model name", System.getProperty("os.arch")));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("avx512", (" " + cpu.getOrDefault("flags", "") + " ").contains(" avx512f "));
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

  /** The first processor's entries of /proc/cpuinfo, key → value; empty where there is no such file. */
  private static Map<String, String> cpuinfo() {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      lines.takeWhile(l -> !l.isBlank()).filter(l -> l.contains(":"))
          .forEach(l -> out.putIfAbsent(l.substring(0, l.indexOf(':')).trim(), l.substring(l.indexOf(':') + 1).trim()));
    } catch (IOException | RuntimeException e) {
      // not Linux: the figure is still usable without it
    }
    return out;
  }
}
