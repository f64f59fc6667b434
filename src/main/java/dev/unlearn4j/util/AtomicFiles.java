package dev.unlearn4j.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files through a temporary sibling and a rename, so a reader never sees a half-written result and a
 * failed write (disk full, crash) leaves no file at the target path.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes the whole content to a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  public static void writeString(Path target, String content) {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  public static void write(Path target, Writer writer) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      readableByAll(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UnlearnException("cannot write " + target + ": " + e, e);
    }
  }

  /** createTempFile makes owner-only files; results are ordinary readable files. */
  private static void readableByAll(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default permissions
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the original error is the one worth reporting
    }
  }

  /**
   * Creates {@code dir} (and its parents) for new output, refusing one that already holds anything, so that no
   * earlier result is overwritten or mixed in.
   *
   * @param what names the directory in the message, e.g. "checkpoint directory"
   */
  public static void createEmpty(Path dir, String what) throws IOException {
    requireEmpty(dir, what);
    Files.createDirectories(dir);
  }

  /** Fails, naming {@code dir} as {@code what}, unless it is absent or an empty directory; creates nothing. */
  public static void requireEmpty(Path dir, String what) throws IOException {
    if (Files.exists(dir)) {
      try (var s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new UnlearnException(dir + ": " + what + " exists and is not empty");
        }
      }
    }
  }
}
