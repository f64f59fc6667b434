package dev.unlearn4j.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON mapping each tensor name to
 * {@code {dtype, shape, data_offsets: [begin, end]}} (offsets into the buffer after the header) plus an optional
 * {@code __metadata__} string map, then the row-major little-endian data. Reads F32, F16 and BF16 (to float32);
 * writes F32.
 */
public final class Safetensors {
  private Safetensors() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads every tensor as float32 (F64 is narrowed), in file order. */
  public static Map<String, INDArray> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UnlearnException(file + ": no such file");
    } catch (IOException e) {
      throw new UnlearnException(file + ": cannot read (" + e.getMessage() + ")");
    }
    String where = file + ": ";
    if (bytes.length < 8) {
      throw new UnlearnException(where + "corrupt safetensors header (file shorter than 8 bytes)");
    }
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (n <= 0 || n > bytes.length - 8L) {
      throw new UnlearnException(where + "corrupt safetensors header (header length " + n + " exceeds the file)");
    }
    JsonNode header;
    try {
      header = JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UnlearnException(where + "corrupt safetensors header (not JSON)");
    }
    if (header == null || !header.isObject()) {
      throw new UnlearnException(where + "corrupt safetensors header (not a JSON object)");
    }
    int base = 8 + (int) n;
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      out.put(e.getKey(), tensor(where, e.getKey(), e.getValue(), bytes, base));
    }
    return out;
  }

  private static INDArray tensor(String where, String name, JsonNode info, byte[] bytes, int base) {
    String dtype = info.path("dtype").asText();
    int width = switch (dtype) {
      case "F32" -> 4;
      case "F16", "BF16" -> 2;
      case "F64" -> 8;
      default -> throw new UnlearnException(where + "tensor '" + name + "' has unsupported dtype '" + dtype
          + "' (supported: F32, F16, BF16, F64)");
    };
    JsonNode shapeNode = info.path("shape");
    long[] shape = new long[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
      count *= shape[i];
    }
    JsonNode off = info.path("data_offsets");
    long begin = off.path(0).asLong(-1);
    long end = off.path(1).asLong(-1);
    if (begin < 0 || end < begin || base + end > bytes.length) {
      throw new UnlearnException(where + "tensor '" + name + "' has data offsets " + off + " outside the file");
    }
    if (end - begin != count * width) {
      throw new UnlearnException(where + "tensor '" + name + "' holds " + (end - begin) + " bytes, its shape and "
          + "dtype need " + count * width);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, base + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[(int) count];
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (dtype) {
        case "F32" -> b.getFloat();
        case "F64" -> (float) b.getDouble();
        case "BF16" -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
        default -> halfToFloat(b.getShort());
      };
    }
    return Nd4j.create(v, shape.length == 0 ? new long[0] : shape, DataType.FLOAT);
  }

  /** IEEE 754 binary16 → float (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));        // inf / NaN
    }
    if (exp == 0) {
      if (mant == 0) {
        return Float.intBitsToFloat(sign);
      }
      float sub = mant / 1024f * (float) Math.pow(2, -14);                   // subnormal
      return sign != 0 ? -sub : sub;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /** Writes tensors as F32 (atomically), in map order, with optional string metadata. */
  public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode m = header.putObject("__metadata__");
      metadata.forEach(m::put);
    }
    long offset = 0;
    for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", "F32");
      var shape = t.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long len = 4 * e.getValue().length();
      t.putArray("data_offsets").add(offset).add(offset + len);
      offset += len;
    }
    byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (h.length + 7) / 8 * 8;                  // the data buffer starts 8-byte aligned
    AtomicFiles.write(file, out -> {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
      out.write(len.array());
      out.write(h);
      for (int i = h.length; i < padded; i++) {
        out.write(' ');
      }
      for (INDArray a : tensors.values()) {
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        out.write(buf.array());
      }
    });
  }
}
