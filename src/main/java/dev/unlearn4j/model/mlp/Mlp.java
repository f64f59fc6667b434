package dev.unlearn4j.model.mlp;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelFactory;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.nn.Layers;
import dev.unlearn4j.util.Seeds;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * latent = relu(x·W1 + b1), logits = latent·W2 + b2. Xavier-uniform initialisation from the seed, zero biases.
 */
public final class Mlp implements Model {
  /**
   * @param hidden width of the hidden (latent) layer (default 16)
   * @param dropout dropout of the hidden layer in training (default 0)
   */
  public record Args(int hidden, double dropout) {
    public Args {
      if (hidden < 1) {
        throw new ConfigException("key 'model.args.hidden' must be >= 1, got " + hidden);
      }
      if (dropout < 0 || dropout >= 1) {
        throw new ConfigException("key 'model.args.dropout' must be in [0, 1), got " + dropout);
      }
    }

    public static Args defaults() {
      return new Args(16, 0.0);
    }
  }

  private final int features;
  private final int classes;
  private final double dropout;
  private final Map<String, INDArray> weights;

  private Mlp(int features, int classes, double dropout, Map<String, INDArray> weights) {
    this.features = features;
    this.classes = classes;
    this.dropout = dropout;
    this.weights = weights;
  }

  public static ModelFactory factory(Args args) {
    return (Dataset data, long seed) -> {
      if (data.numFeatures() == 0) {
        throw new ConfigException("model 'mlp' needs numeric features; dataset '" + data.name() + "' is text");
      }
      Random rng = Seeds.random(seed, "init.mlp");
      Map<String, INDArray> w = new LinkedHashMap<>();
      w.put("w1", xavier(rng, data.numFeatures(), args.hidden()));
      w.put("b1", Nd4j.zeros(DataType.FLOAT, args.hidden()));
      w.put("w2", xavier(rng, args.hidden(), data.numClasses()));
      w.put("b2", Nd4j.zeros(DataType.FLOAT, data.numClasses()));
      return new Mlp(data.numFeatures(), data.numClasses(), args.dropout(), w);
    };
  }

  private static INDArray xavier(Random rng, int in, int out) {
    double limit = Math.sqrt(6.0 / (in + out));
    float[] v = new float[in * out];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
    }
    return Nd4j.create(v, new long[] {in, out}, DataType.FLOAT);
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public ModelGraph graph(boolean training, long seed) {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, features);          // [B, F]
    Map<String, SDVariable> v = new LinkedHashMap<>();
    weights.forEach((name, arr) -> v.put(name, sd.var(name, arr.dup())));
    SDVariable latent = sd.nn.relu("latent", x.mmul(v.get("w1")).add(v.get("b1")), 0.0);   // [B, H]
    double p = training ? dropout : 0.0;
    SDVariable mask = p > 0 ? sd.placeHolder("dropout_mask", DataType.FLOAT, -1, weights.get("w1").size(1)) : null;
    SDVariable logits = Layers.dropout(latent, mask).mmul(v.get("w2")).add("logits", v.get("b2"));   // [B, C]
    org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    List<String> trainable = List.copyOf(weights.keySet());
    return new ModelGraph() {
      @Override public SameDiff sd() {
        return sd;
      }

      @Override public List<String> trainableVariables() {
        return trainable;
      }

      @Override public SDVariable logits() {
        return logits;
      }

      @Override public SDVariable latent() {
        return latent;
      }

      @Override public long latentSize() {
        return weights.get("w1").size(1);
      }

      @Override public Map<String, INDArray> feed(List<Example> batch) {
        float[][] rows = batch.stream().map(Example::features).toArray(float[][]::new);
        if (mask == null) {
          return Map.of("x", Nd4j.create(rows));
        }
        INDArray keep = Nd4j.createUninitialized(DataType.FLOAT, rows.length, weights.get("w1").size(1));
        return Map.of("x", Nd4j.create(rows), "dropout_mask", Layers.drawMask(keep, p, rng));
      }
    };
  }

  @Override
  public void load(ModelGraph graph) {
    weights.replaceAll((name, old) -> graph.sd().getArrForVarName(name).dup());
  }

  @Override
  public Model copy() {
    Map<String, INDArray> w = new LinkedHashMap<>();
    weights.forEach((k, a) -> w.put(k, a.dup()));
    return new Mlp(features, classes, dropout, w);
  }

  @Override
  public Map<String, INDArray> weights() {
    return Collections.unmodifiableMap(weights);
  }
}
