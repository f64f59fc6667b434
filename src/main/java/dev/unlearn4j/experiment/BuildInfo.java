package dev.unlearn4j.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions baked in at build time (resource filtered by Maven). */
public final class BuildInfo {
  private static final Properties P = new Properties();

  static {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/unlearn4j.properties")) {
      if (in != null) {
        P.load(in);
      }
    } catch (IOException ignored) {
      // versions then read "unknown"
    }
  }

  private BuildInfo() {}

  public static String version() {
    return P.getProperty("version", "unknown");
  }

  public static String dl4jVersion() {
    return P.getProperty("dl4j.version", "unknown");
  }
}
