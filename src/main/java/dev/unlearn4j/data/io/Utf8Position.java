package dev.unlearn4j.data.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a file stops being UTF-8: read again only after a reader failed, so the common path pays nothing. */
final class Utf8Position {
  private Utf8Position() {}

  /** {@code " at line L (byte offset B)"} of the first malformed byte, or "" when none is found. */
  static String firstMalformed(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | OutOfMemoryError e) {
      return "";
    }
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        int offset = in.position();
        int line = 1;
        for (int i = 0; i < offset; i++) {
          line += bytes[i] == '\n' ? 1 : 0;
        }
        return " at line " + line + " (byte offset " + offset + ")";
      }
      if (r.isUnderflow()) {
        return "";
      }
      out.clear();
    }
  }
}
