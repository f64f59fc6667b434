package dev.unlearn4j.util;

import java.nio.file.Path;

/**
 * The root of everything unlearn4j caches between runs (corpora, embedded models, trained originals):
 * {@code $UNLEARN4J_CACHE}, default {@code ~/.cache/unlearn4j}.
 */
public final class CacheDir {
  private CacheDir() {}

  public static Path root() {
    String env = System.getenv("UNLEARN4J_CACHE");
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "unlearn4j");
  }
}
