package dev.unlearn4j.model.encoder.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model that weight import and export need: nodes (op type, inputs, outputs), graph inputs
 * and outputs, and initializers with the byte offset of their raw data in the file.
 */
public final class OnnxGraph {
  /**
   * One graph node.
   *
   * @param value the tensor of a Constant node's {@code value} attribute, else null
   */
  public record Node(String name, String opType, List<String> inputs, List<String> outputs, Initializer value) {}

  /**
   * One initializer. Raw data lies at {@code [dataOffset, dataOffset + dataLength)} of the file, little-endian.
   *
   * @param dataType ONNX TensorProto data type (1 float, 7 int64)
   */
  public record Initializer(String name, long[] dims, int dataType, int dataOffset, int dataLength) {
    public long elements() {
      long n = 1;
      for (long d : dims) {
        n *= d;
      }
      return n;
    }
  }

  public static final int FLOAT = 1;

  private final Path file;
  private final byte[] bytes;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, Initializer> initializers = new LinkedHashMap<>();
  private final List<String> inputs = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();

  private OnnxGraph(Path file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  /** Reads and indexes an ONNX file; fails with the file name on anything unreadable. */
  public static OnnxGraph read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new OnnxFormatException(file + ": no such file");
    } catch (IOException e) {
      throw new OnnxFormatException(file + ": cannot read (" + e.getMessage() + ")");
    }
    try {
      return parse(file, bytes);
    } catch (OnnxFormatException e) {
      throw new OnnxFormatException(file + ": not a readable ONNX model: " + e.getMessage());
    }
  }

  static OnnxGraph parse(Path file, byte[] bytes) {
    OnnxGraph g = new OnnxGraph(file, bytes);
    WireReader model = new WireReader(bytes, 0, bytes.length);
    boolean sawGraph = false;
    while (model.hasMore()) {
      int tag = model.readTag();
      if (tag >>> 3 == 7 && (tag & 7) == 2) {        // ModelProto.graph
        g.readGraph(model.sub(model.readLengthDelimited()));
        sawGraph = true;
      } else {
        model.skip(tag & 7);
      }
    }
    if (!sawGraph) {
      throw new OnnxFormatException("no graph in the file");
    }
    return g;
  }

  private void readGraph(WireReader r) {
    while (r.hasMore()) {
      int tag = r.readTag();
      int field = tag >>> 3;
      if ((tag & 7) != 2) {
        r.skip(tag & 7);
        continue;
      }
      int[] range = r.readLengthDelimited();
      switch (field) {
        case 1 -> nodes.add(readNode(r.sub(range)));
        case 5 -> {
          Initializer init = readTensor(r.sub(range));
          initializers.put(init.name(), init);
        }
        case 11 -> inputs.add(readValueInfoName(r.sub(range)));
        case 12 -> outputs.add(readValueInfoName(r.sub(range)));
        default -> { }
      }
    }
  }

  private static Node readNode(WireReader r) {
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    String name = "";
    String op = "";
    Initializer value = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | 2 -> in.add(r.readString());
        case (2 << 3) | 2 -> out.add(r.readString());
        case (3 << 3) | 2 -> name = r.readString();
        case (4 << 3) | 2 -> op = r.readString();
        case (5 << 3) | 2 -> {
          Initializer t = readAttributeTensor(r.sub(r.readLengthDelimited()));
          value = t != null ? t : value;
        }
        default -> r.skip(tag & 7);
      }
    }
    return new Node(name, op, in, out, value);
  }

  /** The tensor {@code t} (field 5) of an AttributeProto, or null. */
  private static Initializer readAttributeTensor(WireReader r) {
    Initializer t = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == ((5 << 3) | 2)) {
        t = readTensor(r.sub(r.readLengthDelimited()));
      } else {
        r.skip(tag & 7);
      }
    }
    return t;
  }

  private static String readValueInfoName(WireReader r) {
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == ((1 << 3) | 2)) {
        return r.readString();
      }
      r.skip(tag & 7);
    }
    return "";
  }

  private static Initializer readTensor(WireReader r) {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = "";
    int[] raw = null;
    int[] floatData = null;
    while (r.hasMore()) {
      int tag = r.readTag();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == 1 && wire == 0) {
        dims.add(r.readVarint());
      } else if (field == 1 && wire == 2) {                 // packed dims
        WireReader p = r.sub(r.readLengthDelimited());
        while (p.hasMore()) {
          dims.add(p.readVarint());
        }
      } else if (field == 2 && wire == 0) {
        dataType = (int) r.readVarint();
      } else if (field == 4 && wire == 2) {                 // packed float_data: same layout as raw float32
        floatData = r.readLengthDelimited();
      } else if (field == 8 && wire == 2) {
        name = r.readString();
      } else if (field == 9 && wire == 2) {
        raw = r.readLengthDelimited();
      } else if (field == 14 && wire == 0) {
        if (r.readVarint() == 1) {
          throw new OnnxFormatException("initializer '" + name + "' uses external data, which is not supported");
        }
      } else {
        r.skip(wire);
      }
    }
    int[] data = raw != null ? raw : floatData != null ? floatData : new int[] {0, 0};
    return new Initializer(name, dims.stream().mapToLong(Long::longValue).toArray(), dataType, data[0],
        data[1] - data[0]);
  }

  public Path file() {
    return file;
  }

  public byte[] bytes() {
    return bytes;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Map<String, Initializer> initializers() {
    return initializers;
  }

  public List<String> inputs() {
    return inputs;
  }

  public List<String> outputs() {
    return outputs;
  }

  /** The producer of {@code output}, or null for graph inputs and initializers. */
  public Node producer(String output) {
    for (Node n : nodes) {
      if (n.outputs().contains(output)) {
        return n;
      }
    }
    return null;
  }

  /** Every node that reads {@code tensor}. */
  public List<Node> consumers(String tensor) {
    return nodes.stream().filter(n -> n.inputs().contains(tensor)).toList();
  }

  /** A scalar-like tensor's first value as a double (float32, float64 or int64 raw data). */
  public double scalar(Initializer t) {
    ByteBuffer b = ByteBuffer.wrap(bytes, t.dataOffset(), t.dataLength()).order(ByteOrder.LITTLE_ENDIAN);
    return switch (t.dataType()) {
      case FLOAT -> b.getFloat();
      case 7 -> b.getLong();
      case 11 -> b.getDouble();
      default -> throw new OnnxFormatException(file + ": constant of data type " + t.dataType());
    };
  }

  /** An initializer's values as float32 (fails for other types or a size mismatch). */
  public float[] floats(Initializer init) {
    if (init.dataType() != FLOAT) {
      throw new OnnxFormatException(file + ": initializer '" + init.name() + "' has data type " + init.dataType()
          + ", expected float32 (quantised exports are not supported)");
    }
    if ((long) init.dataLength() != 4L * init.elements()) {
      throw new OnnxFormatException(file + ": initializer '" + init.name() + "' holds " + init.dataLength()
          + " bytes for " + init.elements() + " floats");
    }
    float[] out = new float[(int) init.elements()];
    ByteBuffer.wrap(bytes, init.dataOffset(), init.dataLength()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
        .get(out);
    return out;
  }
}
