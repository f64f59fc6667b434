package dev.unlearn4j.experiment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak memory of this process: JVM heap (sum of the heap pools' peaks) and resident set (Linux VmHWM). */
public final class Memory {
  private Memory() {}

  public static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Peak resident set size in bytes, or -1 where /proc is not available. */
  public static long peakRssBytes() {
    return status("VmHWM:");
  }

  /** Resident set size now, in bytes, or -1 where /proc is not available. */
  public static long rssBytes() {
    return status("VmRSS:");
  }

  /**
   * The peak resident set size so far, then resets the kernel's peak to the current size, so the next reading
   * covers only what runs after this call; -1 where /proc is not available. Where the reset is refused the peak
   * keeps counting from the process start.
   */
  public static long takePeakRssBytes() {
    long peak = peakRssBytes();
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | SecurityException e) {
      // older kernels or a restricted /proc: the peak keeps counting from the process start
    }
    return peak;
  }

  /** Minor page faults of this process so far (/proc/self/stat), or -1 where /proc is not available. */
  public static long minorFaults() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // fields after the command name, which is in parentheses and may contain spaces; minflt is field 10
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[7]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
