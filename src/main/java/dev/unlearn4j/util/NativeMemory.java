package dev.unlearn4j.util;

/**
 * ND4J keeps array data off the Java heap and frees it only when the small Java wrapper objects are collected. A
 * training loop allocates hundreds of megabytes of such data per step while the heap barely grows, so the JVM
 * hardly ever collects and the resident set climbs until the kernel kills the process (pretraining the
 * {@code small} preset reached 24 GB in a minute). ND4J's own periodic collection ({@code togglePeriodicGc}) is
 * not triggered by the custom ops SameDiff runs in 1.0.0-M2.1, so loops that allocate call {@link #tick()}, which
 * asks for a collection at most every {@value #WINDOW_MS} ms.
 */
public final class NativeMemory {
  private NativeMemory() {}

  static final long WINDOW_MS = 3000;
  private static long last = System.nanoTime();

  /**
   * Requests a collection now: between the micro-batches of one step, where each part leaves as much unreachable
   * native memory behind as a whole small-model step does.
   */
  public static synchronized void collect() {
    last = System.nanoTime();
    System.gc();
  }

  /** Requests a garbage collection if none was requested in the last window. */
  public static synchronized void tick() {
    long now = System.nanoTime();
    if ((now - last) / 1_000_000 >= WINDOW_MS) {
      last = now;
      System.gc();
    }
  }
}
