package dev.unlearn4j.model.encoder.onnx;

import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers wire-format reader over a byte array: enough to walk ONNX messages without generated
 * classes. Wire types: 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit.
 */
final class WireReader {
  private final byte[] buf;
  private int pos;
  private final int end;

  WireReader(byte[] buf, int start, int end) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  boolean hasMore() {
    return pos < end;
  }

  int position() {
    return pos;
  }

  /** Reads a field key; returns field number << 3 | wire type. */
  int readTag() {
    return (int) readVarint();
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new OnnxFormatException("truncated varint at byte " + pos);
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new OnnxFormatException("malformed varint at byte " + pos);
  }

  /** Reads a length prefix and returns the [start, end) range of the payload, advancing past it. */
  int[] readLengthDelimited() {
    long len = readVarint();
    if (len < 0 || pos + len > end) {
      throw new OnnxFormatException("field of " + len + " bytes at byte " + pos + " runs past the end of its "
          + "message (truncated file?)");
    }
    int start = pos;
    pos += (int) len;
    return new int[] {start, pos};
  }

  String readString() {
    int[] r = readLengthDelimited();
    return new String(buf, r[0], r[1] - r[0], StandardCharsets.UTF_8);
  }

  void skip(int wireType) {
    switch (wireType) {
      case 0 -> readVarint();
      case 1 -> advance(8);
      case 2 -> readLengthDelimited();
      case 5 -> advance(4);
      default -> throw new OnnxFormatException("unsupported wire type " + wireType + " at byte " + pos);
    }
  }

  private void advance(int n) {
    if (pos + n > end) {
      throw new OnnxFormatException("truncated field at byte " + pos);
    }
    pos += n;
  }

  byte[] buffer() {
    return buf;
  }

  WireReader sub(int[] range) {
    return new WireReader(buf, range[0], range[1]);
  }
}
