package dev.unlearn4j.experiment;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.util.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SHA-256 fingerprints for the audit report: of the forgotten data itself (ids, labels and contents, not only the
 * ids) and of a model's weights (names, shapes and float32 values in name order), so the model before and after
 * unlearning can be identified without writing the original to disk.
 */
final class Fingerprints {
  private Fingerprints() {}

  static String data(List<Example> examples) {
    MessageDigest md = Sha256.digest();
    for (Example e : examples) {
      md.update((e.id() + "\u0000" + e.label() + "\u0000").getBytes(StandardCharsets.UTF_8));
      if (e.text() != null) {
        md.update(e.text().getBytes(StandardCharsets.UTF_8));
      }
      if (e.features() != null) {
        md.update(Arrays.toString(e.features()).getBytes(StandardCharsets.UTF_8));
      }
      if (e.tokens() != null) {
        md.update(Arrays.toString(e.tokens()).getBytes(StandardCharsets.UTF_8));
      }
      md.update((byte) '\n');
    }
    return Sha256.hex(md);
  }

  static String model(Model m) {
    MessageDigest md = Sha256.digest();
    for (Map.Entry<String, INDArray> w : new TreeMap<>(m.weights()).entrySet()) {
      md.update((w.getKey() + Arrays.toString(w.getValue().shape())).getBytes(StandardCharsets.UTF_8));
      float[] v = w.getValue().castTo(DataType.FLOAT).data().asFloat();
      ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v);
      md.update(b.array());
    }
    return Sha256.hex(md);
  }
}
