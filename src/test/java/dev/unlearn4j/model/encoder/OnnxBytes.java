package dev.unlearn4j.model.encoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-built protobuf bytes for ONNX files that are valid but not BERT (bad-input tests). */
final class OnnxBytes {
  private OnnxBytes() {}

  /** A model whose graph is a single Relu from x to y. */
  static byte[] reluModel() {
    byte[] node = concat(str(1, "x"), str(2, "y"), str(4, "Relu"));
    byte[] graph = concat(field(1, node), str(2, "g"), field(11, str(1, "x")), field(12, str(1, "y")));
    return concat(varintField(1, 7), field(7, graph));
  }

  private static byte[] str(int field, String s) {
    return field(field, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] field(int field, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, (field << 3) | 2);
    varint(out, payload.length);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] varintField(int field, long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, field << 3);
    varint(out, v);
    return out.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
