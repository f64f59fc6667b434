package dev.unlearn4j.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks made before a user's input file is read: reading a FIFO waits for a writer forever, and a device such as
 * /dev/zero or a huge file ends in an out-of-memory error instead of a cause.
 */
public final class InputFiles {
  /** Data, id lists and texts of this project's size are far smaller. */
  public static final long MAX_BYTES = 2L << 30;

  private InputFiles() {}

  /**
   * Fails with a cause naming {@code what} (e.g. {@code "forget.idsFile FILE"}) unless {@code file} is a regular
   * file of at most {@link #MAX_BYTES}.
   */
  public static void requireRegular(Path file, String what) {
    if (!Files.exists(file)) {
      throw new UnlearnException(what + ": no such file" + (file.isAbsolute() ? ""
          : " (relative paths are read from the working directory " + Path.of("").toAbsolutePath() + ")"));
    }
    if (!Files.isRegularFile(file)) {
      throw new UnlearnException(what + ": not a regular file");
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new UnlearnException(what + ": " + Files.size(file) + " bytes; files over 2 GiB are not read");
      }
    } catch (IOException e) {
      throw new UnlearnException(what + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
