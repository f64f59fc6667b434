package dev.unlearn4j.spark;

import java.util.function.Function;

/**
 * One model per task thread, opened once from its directory and kept for the thread's later batches: a model's
 * graph is not shared between threads, and opening it per batch would repeat the load.
 */
final class PerThread<T> {
  private record Held<T>(String dir, T value) {}

  private final ThreadLocal<Held<T>> held = new ThreadLocal<>();
  private final Function<String, T> open;

  PerThread(Function<String, T> open) {
    this.open = open;
  }

  /** This thread's model from {@code dir}, opened now if the thread holds none or one from another directory. */
  T get(String dir) {
    Held<T> h = held.get();
    if (h == null || !h.dir().equals(dir)) {
      h = new Held<>(dir, open.apply(dir));
      held.set(h);
    }
    return h.value();
  }
}
