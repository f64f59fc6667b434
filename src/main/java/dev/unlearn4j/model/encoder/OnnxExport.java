package dev.unlearn4j.model.encoder;

import dev.unlearn4j.model.encoder.onnx.OnnxGraph;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.Sha256;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes trained encoder weights back into a copy of the ONNX file they were imported from, overwriting each
 * initializer's raw bytes in place (same shapes, same dtype). The graph is untouched, so onnxruntime and
 * LangChain4j can serve the unlearned encoder. The classification head is not part of the export.
 */
public final class OnnxExport {
  private OnnxExport() {}

  /**
   * @param original the ONNX file named by {@code origin} (checked by SHA-256)
   * @param out the new file; must differ from {@code original}
   */
  public static void write(Map<String, INDArray> weights, OnnxOrigin origin, Path original, Path out) {
    if (origin == null) {
      throw new UnlearnException("the model was not imported from ONNX: nothing to export into");
    }
    try {
      if (Files.exists(out) && Files.isSameFile(original, out)) {
        throw new UnlearnException(out + ": refusing to overwrite the original model");
      }
    } catch (IOException e) {
      throw new UnlearnException(out + ": " + e.getMessage());
    }
    OnnxGraph g = OnnxGraph.read(original);
    byte[] bytes = g.bytes().clone();
    if (!Sha256.of(g.bytes()).equals(origin.sha256())) {
      throw new UnlearnException(original + ": not the ONNX file the model was imported from (SHA-256 differs)");
    }
    for (Map.Entry<String, String> e : origin.onnxNames().entrySet()) {
      INDArray w = weights.get(e.getKey());
      OnnxGraph.Initializer init = g.initializers().get(e.getValue());
      if (w == null || init == null) {
        throw new UnlearnException("export: tensor '" + e.getKey() + "' is missing");
      }
      if (!Arrays.equals(w.shape(), init.dims()) || init.dataType() != OnnxGraph.FLOAT) {
        throw new UnlearnException("export: tensor '" + e.getKey() + "' has shape " + Arrays.toString(w.shape())
            + ", the graph expects float32 " + Arrays.toString(init.dims()));
      }
      float[] v = w.castTo(DataType.FLOAT).dup('c').data().asFloat();
      ByteBuffer.wrap(bytes, init.dataOffset(), init.dataLength()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
          .put(v);
    }
    AtomicFiles.write(out, o -> o.write(bytes));
  }
}
