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
