package dev.unlearn4j.model.encoder;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelFactory;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.model.TextTokenizer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A BERT-family encoder with a sequence-classification head: pooled = pool(encoder(x)); with a dense head
 * (BERT's pooler, RoBERTa's and DistilBERT's heads) z = act(pooled·W_d + b_d), else z = pooled; logits =
 * dropout(z)·W_c + b_c. z is the latent DeepCUT reshapes: the vector the final classifier reads. Weights are kept
 * under BERT's Hugging Face names ([in, out]) plus {@code head.dense.*} [D, D], [D] and {@code classifier.weight}
 * [D, C], {@code classifier.bias} [C].
 */
public final class BertClassifier implements Model {
  public static final String HEAD_WEIGHT = "classifier.weight";
  public static final String HEAD_BIAS = "classifier.bias";
  public static final String DENSE_WEIGHT = "head.dense.weight";
  public static final String DENSE_BIAS = "head.dense.bias";

  private final BertConfig config;
  private final EncoderArgs args;
  private final TextTokenizer tokenizer;
  private final int numClasses;
  private final Map<String, INDArray> weights;
  private final EncoderSource source;

  /** @param source where the encoder came from and the class names ({@link EncoderSource#NONE}: random) */
  public BertClassifier(BertConfig config, EncoderArgs args, TextTokenizer tokenizer, int numClasses,
      Map<String, INDArray> weights, EncoderSource source) {
    if (args.maxLength() + config.positionOffset() > config.maxPositions()) {
      throw new ConfigException("key 'model.args.maxLength' " + args.maxLength() + " exceeds the model's "
          + (config.maxPositions() - config.positionOffset()) + " positions");
    }
    this.config = config;
    this.args = args;
    this.tokenizer = tokenizer;
    this.numClasses = numClasses;
    this.weights = weights;
    this.source = source == null ? EncoderSource.NONE : source;
  }

  /**
   * The registry's factory: opens the encoder source once, on first use, and gives every created model its own
   * copy of the weights (a stored head is reused when its class count matches, else a new head is drawn).
   */
  public static ModelFactory factory(EncoderArgs args) {
    EncoderBundle[] bundle = new EncoderBundle[1];
    return (Dataset data, long seed) -> {
      if (data.numFeatures() > 0) {
        throw new ConfigException("model 'bert' needs text; dataset '" + data.name() + "' has numeric features");
      }
      synchronized (bundle) {
        if (bundle[0] == null) {
          bundle[0] = EncoderBundle.open(args.source(), args.tokenizer());
        }
      }
      return bundle[0].classifier(args, data.numClasses(), seed, data.labels());
    };
  }

  /**
   * The encoder's weights (copied) plus a freshly initialised classifier (normal σ 0.02, zero bias); a dense head
   * layer is kept when the encoder brings one (BERT's pooler), else initialised the same way.
   */
  public static BertClassifier withNewHead(BertConfig config, EncoderArgs args, TextTokenizer tokenizer,
      Map<String, INDArray> encoder, int numClasses, long seed, EncoderSource source) {
    Map<String, INDArray> w = new LinkedHashMap<>();
    encoder.forEach((k, v) -> w.put(k, v.dup()));
    DataType type = encoder.get(BertWeights.WORD).dataType();
    Random rng = new Random(seed);
    w.put(HEAD_WEIGHT, normal(rng, type, config.hidden(), numClasses));
    w.put(HEAD_BIAS, Nd4j.zeros(type, numClasses));
    if (config.denseHead() && !w.containsKey(DENSE_WEIGHT)) {
      w.put(DENSE_WEIGHT, normal(rng, type, config.hidden(), config.hidden()));
      w.put(DENSE_BIAS, Nd4j.zeros(type, config.hidden()));
    }
    return new BertClassifier(config, args, tokenizer, numClasses, w, source);
  }

  private static INDArray normal(Random rng, DataType type, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian() * 0.02;
    }
    return Nd4j.create(v, new long[] {rows, cols}, type);
  }

  public BertConfig config() {
    return config;
  }

  public EncoderArgs args() {
    return args;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public ModelGraph graph(boolean training, long seed) {
    return new BertGraph(this, training, seed);
  }

  @Override
  public void load(ModelGraph graph) {
    BertGraph g = (BertGraph) graph;
    for (String name : List.copyOf(weights.keySet())) {
      INDArray trained = g.trainedValue(name);
      if (trained != null) {
        weights.put(name, trained.dup());
      }
    }
  }

  @Override
  public Model copy() {
    Map<String, INDArray> w = new LinkedHashMap<>();
    weights.forEach((k, v) -> w.put(k, v.dup()));
    return new BertClassifier(config, args, tokenizer, numClasses, w, source);
  }

  /** The ONNX export the encoder came from, or null. */
  public OnnxOrigin origin() {
    return source.onnx();
  }

  public EncoderSource source() {
    return source;
  }

  @Override
  public Map<String, INDArray> weights() {
    return Collections.unmodifiableMap(weights);
  }

  /** True if {@code name} is trained under the freezing options. */
  boolean trainable(String name) {
    if (name.startsWith("embeddings.")) {
      return args.trainsEmbeddings();
    }
    if (name.startsWith("encoder.layer.")) {
      int layer = Integer.parseInt(name.split("\\.")[2]);
      return layer >= args.freezeLayers();
    }
    return true;
  }

  /** A full checkpoint: config.json, model.safetensors (head included) and tokenizer.json. */
  @Override
  public void save(Path dir) {
    EncoderCheckpoint.write(dir, this);
  }
}
