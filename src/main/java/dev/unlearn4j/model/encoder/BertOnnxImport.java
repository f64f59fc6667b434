package dev.unlearn4j.model.encoder;

import dev.unlearn4j.model.encoder.onnx.OnnxFormatException;
import dev.unlearn4j.model.encoder.onnx.OnnxGraph;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a BERT-family ONNX export (Hugging Face / sentence-transformers, float32) into a {@link BertConfig} and
 * weights under Hugging Face names. The export names its weight matrices anonymously ({@code onnx::MatMul_N});
 * they are named by graph structure: each {@code MatMul(x, W)} feeds an {@code Add} whose other input is the
 * module's bias, so W is that module's weight (stored [in, out]).
 */
public final class BertOnnxImport {
  private BertOnnxImport() {}

  /**
   * @param weights Hugging Face name → array, in {@link BertWeights#names} order
   * @param onnxNames Hugging Face name → initializer name in the file (for writing weights back)
   */
  public record Imported(BertConfig config, Map<String, INDArray> weights, Map<String, String> onnxNames) {}

  private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

  public static Imported read(OnnxGraph g) {
    String where = g.file() + ": ";
    var inits = g.initializers();
    for (String required : List.of("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
        "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight")) {
      if (!inits.containsKey(required)) {
        throw new OnnxFormatException(where + "not a supported BERT-family graph: no initializer '" + required
            + "'");
      }
    }
    if (!g.inputs().contains("input_ids") || !g.inputs().contains("attention_mask")) {
      throw new OnnxFormatException(where + "not a supported BERT-family graph: inputs " + g.inputs()
          + " lack input_ids/attention_mask");
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (String n : inits.keySet()) {
      if (!n.startsWith("onnx::") && !n.equals("embeddings.position_ids")) {
        names.put(n, n);
      }
    }
    nameMatMulWeights(g, names, where);

    TreeSet<Integer> layers = new TreeSet<>();
    for (String n : names.keySet()) {
      Matcher m = LAYER.matcher(n);
      if (m.find()) {
        layers.add(Integer.parseInt(m.group(1)));
      }
    }
    long[] word = inits.get("embeddings.word_embeddings.weight").dims();
    String ffn = "encoder.layer.0.intermediate.dense.bias";
    if (layers.isEmpty() || !inits.containsKey(ffn)) {
      throw new OnnxFormatException(where + "not a supported BERT-family graph: no encoder layers");
    }
    BertConfig cfg = new BertConfig((int) word[0], (int) word[1], layers.last() + 1, heads(g, where),
        (int) inits.get(ffn).dims()[0], (int) inits.get("embeddings.position_embeddings.weight").dims()[0],
        (int) inits.get("embeddings.token_type_embeddings.weight").dims()[0], eps(g, where));

    Map<String, INDArray> weights = new LinkedHashMap<>();
    Map<String, String> onnxNames = new LinkedHashMap<>();
    for (String hf : BertWeights.names(cfg)) {
      String onnx = names.get(hf);
      if (onnx == null) {
        throw new OnnxFormatException(where + "missing tensor '" + hf + "'");
      }
      OnnxGraph.Initializer init = inits.get(onnx);
      long[] expected = BertWeights.shape(cfg, hf);
      if (!Arrays.equals(init.dims(), expected)) {
        throw new OnnxFormatException(where + "tensor '" + hf + "' has shape " + Arrays.toString(
            init.dims()) + ", expected " + Arrays.toString(expected));
      }
      weights.put(hf, Nd4j.create(g.floats(init), expected, DataType.FLOAT));
      onnxNames.put(hf, onnx);
    }
    return new Imported(cfg, weights, onnxNames);
  }

  private static void nameMatMulWeights(OnnxGraph g, Map<String, String> names, String where) {
    var inits = g.initializers();
    for (OnnxGraph.Node mm : g.nodes()) {
      if (!mm.opType().equals("MatMul") || mm.inputs().size() != 2 || !inits.containsKey(mm.inputs().get(1))) {
        continue;
      }
      String w = mm.inputs().get(1);
      String bias = null;
      for (OnnxGraph.Node add : g.consumers(mm.outputs().get(0))) {
        if (add.opType().equals("Add")) {
          for (String in : add.inputs()) {
            if (inits.containsKey(in) && in.endsWith(".bias")) {
              bias = in;
            }
          }
        }
      }
      if (bias == null) {
        throw new OnnxFormatException(where + "unsupported graph: MatMul '" + mm.name() + "' with weight '" + w
            + "' is not followed by a bias Add");
      }
      names.put(bias.substring(0, bias.length() - ".bias".length()) + ".weight", w);
    }
  }

  /** Heads: the Reshape of layer 0's key projection splits D into [H, D/H]; H is a Constant of its shape. */
  private static int heads(OnnxGraph g, String where) {
    for (OnnxGraph.Node add : g.consumers("encoder.layer.0.attention.self.key.bias")) {
      for (OnnxGraph.Node reshape : g.consumers(add.outputs().get(0))) {
        if (!reshape.opType().equals("Reshape")) {
          continue;
        }
        OnnxGraph.Node concat = g.producer(reshape.inputs().get(1));
        if (concat != null && concat.opType().equals("Concat") && concat.inputs().size() == 4) {
          OnnxGraph.Node c = g.producer(concat.inputs().get(2));
          if (c != null && c.value() != null) {
            return (int) g.scalar(c.value());
          }
        }
      }
    }
    throw new OnnxFormatException(where + "unsupported graph: cannot find the number of attention heads");
  }

  /** LayerNorm ε: the Constant added to the variance before Sqrt in the embeddings' LayerNorm. */
  private static double eps(OnnxGraph g, String where) {
    for (OnnxGraph.Node sqrt : g.nodes()) {
      if (!sqrt.opType().equals("Sqrt")) {
        continue;
      }
      OnnxGraph.Node add = g.producer(sqrt.inputs().get(0));
      if (add != null && add.opType().equals("Add")) {
        for (String in : add.inputs()) {
          OnnxGraph.Node c = g.producer(in);
          if (c != null && c.value() != null) {
            return g.scalar(c.value());
          }
          if (g.initializers().containsKey(in)) {
            return g.scalar(g.initializers().get(in));
          }
        }
      }
    }
    throw new OnnxFormatException(where + "unsupported graph: cannot find the LayerNorm epsilon");
  }
}
