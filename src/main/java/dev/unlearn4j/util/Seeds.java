package dev.unlearn4j.util;

import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The single place randomness comes from. The experiment seed seeds ND4J (dropout, random init inside ops) and
 * every Java RNG; each consumer derives its own stream by name, so adding a consumer does not shift the others.
 */
public final class Seeds {
  private Seeds() {}

  /** Seeds ND4J's global RNG. */
  public static void seedNd4j(long seed) {
    Nd4j.getRandom().setSeed(seed);
  }

  /** A seed for the named purpose, stable across runs and independent of call order. */
  public static long derive(long seed, String purpose) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < purpose.length(); i++) {
      h = (h ^ purpose.charAt(i)) * 0x100000001B3L;
    }
    return new SplittableRandom(h).nextLong();
  }

  public static Random random(long seed, String purpose) {
    return new Random(derive(seed, purpose));
  }
}
