package dev.unlearn4j.model.encoder;

import dev.unlearn4j.model.TextTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Contextual token vectors of a BERT-family encoder at a chosen layer, and mean-pooled L2-normalised sentence
 * vectors: what BERTScore (token vectors of layer L) and ICU's analogue search (sentence-transformers pooling of
 * the last layer) read. Only the first L layers are built and run; the evaluation graph is built once.
 */
public final class TokenVectors {
  /** One text: a vector per token ([CLS] and [SEP] included) and which positions are special tokens. */
  public record Encoded(double[][] vectors, boolean[] special) {}

  private static final int BATCH = 16;

  private final BertClassifier truncated;
  private BertGraph graph;

  /**
   * @param source {@code embedded:all-minilm-l6-v2}, an ONNX file or a checkpoint directory
   * @param layer hidden states after this many layers (1 … layers; bert_score's layer numbering; 0 = all)
   * @param maxLength tokens per text, longer texts are truncated
   */
  public TokenVectors(String source, int layer, int maxLength) {
    this(EncoderBundle.open(source, null), source, layer, maxLength);
  }

  /** The same from an encoder already opened (so one file serves several layers). */
  public TokenVectors(EncoderBundle b, String source, int layer, int maxLength) {
    BertConfig c = b.config();
    layer = layer == 0 ? c.layers() : layer;
    if (layer < 1 || layer > c.layers()) {
      throw new IllegalArgumentException("layer " + layer + " outside 1.." + c.layers() + " of " + source);
    }
    BertConfig cut = c.withLayers(layer);
    Map<String, INDArray> w = new LinkedHashMap<>(b.weights());
    w.keySet().removeIf(k -> k.startsWith("classifier."));
    EncoderArgs args = new EncoderArgs(source, null, maxLength, EncoderArgs.Pooling.MEAN, 0.0, 0, false);
    this.truncated = BertClassifier.withNewHead(cut, args, TextTokenizer.load(b.tokenizerFile(), maxLength), w, 1,
        0, b.source());
  }

  public List<Encoded> tokens(List<String> texts) {
    List<Encoded> out = new ArrayList<>();
    for (int first = 0; first < texts.size(); first += BATCH) {
      TextTokenizer.Batch tok = truncated.tokenizer().encode(texts.subList(first, Math.min(texts.size(),
          first + BATCH)));
      double[][] rows = run(tok, "hidden").toDoubleMatrix();                                // [B·T][D]
      int t = tok.length();
      for (int i = 0; i < tok.size(); i++) {
        int n = 0;
        while (n < t && tok.mask()[i][n] == 1) {
          n++;
        }
        double[][] v = new double[n][];
        boolean[] special = new boolean[n];
        for (int j = 0; j < n; j++) {
          v[j] = rows[i * t + j];
          special[j] = j == 0 || j == n - 1;                                                  // [CLS] … [SEP]
        }
        out.add(new Encoded(v, special));
      }
    }
    return out;
  }

  /** Mean of the token vectors over the attention mask, L2-normalised: [texts][D]. */
  public double[][] sentences(List<String> texts) {
    List<double[]> out = new ArrayList<>();
    for (int first = 0; first < texts.size(); first += BATCH) {
      TextTokenizer.Batch tok = truncated.tokenizer().encode(texts.subList(first, Math.min(texts.size(),
          first + BATCH)));
      for (double[] row : run(tok, "latent").toDoubleMatrix()) {                          // [B][D]
        double norm = 0;
        for (double x : row) {
          norm += x * x;
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        for (int k = 0; k < row.length; k++) {
          row[k] /= norm;
        }
        out.add(row);
      }
    }
    return out.toArray(double[][]::new);
  }

  /** One output of the evaluation graph for an already tokenised batch. */
  private INDArray run(TextTokenizer.Batch tok, String output) {
    if (graph == null) {
      graph = (BertGraph) truncated.graph(false, 0);
    }
    return graph.sd().output(graph.feedTokens(tok), output).get(output);
  }
}
