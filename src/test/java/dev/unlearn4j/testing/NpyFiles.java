package dev.unlearn4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes .npy files the way numpy.save does (format 1.0: magic, header dict padded to 64 bytes, raw data). */
public final class NpyFiles {
  private NpyFiles() {}

  /** @param descr numpy dtype, e.g. {@code <u2}, {@code <i4}, {@code <f4} (written as 4-byte floats) */
  public static Path write(Path file, int[][] rows, String descr, boolean fortran) {
    int size = descr.endsWith("2") ? 2 : descr.endsWith("8") ? 8 : 4;
    String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
        + rows.length + ", " + rows[0].length + "), }";
    int pad = 64 - (10 + header.length() + 1) % 64;
    header = header + " ".repeat(pad % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + rows.length * rows[0].length * size)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (int[] row : rows) {
      for (int v : row) {
        switch (descr) {
          case "<u2" -> b.putShort((short) v);
          case "<i8" -> b.putLong(v);
          case "<f4" -> b.putFloat(v);
          default -> b.putInt(v);
        }
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, b.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
