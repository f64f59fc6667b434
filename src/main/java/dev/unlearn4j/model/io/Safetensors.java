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
 * {@code __metadata__} string map, then the row-major little-endian data. Reads F32, F16, BF16 and F64 (to
 * float32); writes F32, F16 or BF16 per tensor.
 */
public final class Safetensors {
  private Safetensors() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads every tensor as float32 (F64 is narrowed), in file order. */
  public static Map<String, INDArray> read(Path file) {
    byte[] bytes = bytes(file);
    JsonNode header = header(file, bytes);
    int base = 8 + (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      out.put(e.getKey(), tensor(file + ": ", e.getKey(), e.getValue(), bytes, base));
    }
    return out;
  }

  /** The dtype of every tensor, in file order. */
  public static Map<String, String> dtypes(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    header(file, bytes(file)).fields().forEachRemaining(e -> {
      if (!e.getKey().equals("__metadata__")) {
        out.put(e.getKey(), e.getValue().path("dtype").asText());
      }
    });
    return out;
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UnlearnException(file + ": no such file");
    } catch (IOException e) {
      throw new UnlearnException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static JsonNode header(Path file, byte[] bytes) {
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
    return header;
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
        case "BF16" -> HalfFloats.bf16ToFloat(b.getShort());
        default -> HalfFloats.halfToFloat(b.getShort());
      };
    }
    return Nd4j.create(v, shape.length == 0 ? new long[0] : shape, DataType.FLOAT);
  }

  /** Writes tensors as F32 (atomically), in map order, with optional string metadata. */
  public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) {
    write(file, tensors, metadata, Map.of());
  }

  /**
   * Writes tensors (atomically), in map order, each in the dtype {@code dtypes} gives it (F32, F16 or BF16;
   * F32 when absent), with optional string metadata.
   */
  public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata,
      Map<String, String> dtypes) {
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode m = header.putObject("__metadata__");
      metadata.forEach(m::put);
    }
    long offset = 0;
    for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      String dtype = dtypes.getOrDefault(e.getKey(), "F32");
      if (!dtype.equals("F32") && !dtype.equals("F16") && !dtype.equals("BF16")) {
        throw new UnlearnException(file + ": cannot write tensor '" + e.getKey() + "' as " + dtype
            + " (F32, F16 or BF16)");
      }
      t.put("dtype", dtype);
      var shape = t.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long len = (dtype.equals("F32") ? 4 : 2) * e.getValue().length();
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
      for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
        float[] v = e.getValue().castTo(DataType.FLOAT).dup('c').data().asFloat();
        String dtype = dtypes.getOrDefault(e.getKey(), "F32");
        ByteBuffer buf = ByteBuffer.allocate((dtype.equals("F32") ? 4 : 2) * v.length)
            .order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
          switch (dtype) {
            case "F32" -> buf.putFloat(x);
            case "F16" -> buf.putShort(HalfFloats.floatToHalf(x));
            default -> buf.putShort(HalfFloats.floatToBf16(x));
          }
        }
        out.write(buf.array());
      }
    });
  }
}
