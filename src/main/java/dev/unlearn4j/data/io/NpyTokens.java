package dev.unlearn4j.data.io;

import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} file of token ids, N rows × L columns (the extraction benchmark's {@code train_dataset.npy}:
 * 15,000 × 200, uint16). Read here rather than with ND4J's {@code createFromNpyFile}, which in 1.0.0-M2.1 reads a
 * truncated file past its end and a Fortran-ordered one transposed, both without a word.
 */
public final class NpyTokens {
  private NpyTokens() {}

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** @return [N][L] token ids; fails with the file's name on anything but a C-ordered 2-D array of integers */
  public static int[][] read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnlearnException(file + ": cannot read (" + e.getMessage() + ")");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes.length <= 10 || bytes[i] != MAGIC[i]) {
        throw new UnlearnException(file + ": not a NumPy .npy file");
      }
    }
    int major = bytes[6];
    int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
    int dataStart = (major == 1 ? 10 : 12) + headerLen;
    if (headerLen < 0 || dataStart > bytes.length) {
      throw new UnlearnException(file + ": truncated .npy header");
    }
    String header = new String(bytes, major == 1 ? 10 : 12, headerLen, StandardCharsets.ISO_8859_1);
    String descr = field(DESCR, header, file, "descr");
    if (field(FORTRAN, header, file, "fortran_order").equals("True")) {
      throw new UnlearnException(file + ": Fortran-ordered array; save it C-ordered (numpy.ascontiguousarray)");
    }
    String[] dims = field(SHAPE, header, file, "shape").replace(" ", "").split(",");
    if (dims.length != 2 || dims[1].isEmpty()) {
      throw new UnlearnException(file + ": shape (" + String.join(",", dims) + ") is not 2-D (passages × tokens)");
    }
    int rows = Integer.parseInt(dims[0]);
    int cols = Integer.parseInt(dims[1]);
    int size = switch (descr) {
      case "<u2", "<i2" -> 2;
      case "<i4", "<u4" -> 4;
      case "<i8", "<u8" -> 8;
      default -> throw new UnlearnException(file + ": dtype '" + descr + "' is not a little-endian integer type "
          + "(uint16, int32 or int64 token ids)");
    };
    long need = (long) rows * cols * size;
    if (bytes.length - dataStart != need) {
      throw new UnlearnException(file + ": holds " + (bytes.length - dataStart) + " data bytes; shape (" + rows
          + ", " + cols + ") of " + descr + " needs " + need + " (truncated?)");
    }
    buf.position(dataStart);
    int[][] out = new int[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        long v = switch (descr) {
          case "<u2" -> Short.toUnsignedInt(buf.getShort());
          case "<i2" -> buf.getShort();
          case "<i4" -> buf.getInt();
          case "<u4" -> Integer.toUnsignedLong(buf.getInt());
          default -> buf.getLong();
        };
        if (v < 0 || v > Integer.MAX_VALUE) {
          throw new UnlearnException(file + ": row " + r + ", column " + c + ": " + v + " is not a token id");
        }
        out[r][c] = (int) v;
      }
    }
    return out;
  }

  /** Writes token ids as numpy.save does: uint16 when every id fits, int32 otherwise (format 1.0). */
  public static void write(Path file, int[][] ids) {
    boolean narrow = Arrays.stream(ids).flatMapToInt(Arrays::stream).allMatch(v -> v <= 0xFFFF);
    String header = "{'descr': '" + (narrow ? "<u2" : "<i4") + "', 'fortran_order': False, 'shape': (" + ids.length
        + ", " + ids[0].length + "), }";
    header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";              // data starts at a multiple of 64
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + ids.length * ids[0].length * (narrow ? 2 : 4))
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (int[] row : ids) {
      for (int v : row) {
        if (narrow) {
          b.putShort((short) v);
        } else {
          b.putInt(v);
        }
      }
    }
    AtomicFiles.write(file, out -> out.write(b.array()));
  }

  private static String field(Pattern p, String header, Path file, String name) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new UnlearnException(file + ": .npy header has no '" + name + "' (" + header.trim() + ")");
    }
    return m.group(1);
  }
}
