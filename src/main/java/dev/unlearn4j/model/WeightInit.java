package dev.unlearn4j.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Transformer initialisation as BERT and GPT-2 do it: normal(0, 0.02) weights, LayerNorm γ = 1, zero biases. */
public final class WeightInit {
  private WeightInit() {}

  /**
   * @param names tensors in a fixed order (the random stream follows it)
   * @param shape each tensor's shape
   * @param isGamma true for LayerNorm scales
   */
  public static Map<String, INDArray> transformer(List<String> names, Function<String, long[]> shape,
      Predicate<String> isGamma, long seed, DataType type) {
    Random rng = new Random(seed);
    Map<String, INDArray> w = new LinkedHashMap<>();
    for (String name : names) {
      long[] s = shape.apply(name);
      long n = 1;
      for (long x : s) {
        n *= x;
      }
      double[] v = new double[(int) n];
      boolean gamma = isGamma.test(name);
      boolean zero = name.endsWith(".bias");
      for (int k = 0; k < v.length; k++) {
        v[k] = gamma ? 1.0 : zero ? 0.0 : rng.nextGaussian() * 0.02;
      }
      w.put(name, Nd4j.create(v, s, type));
    }
    return w;
  }
}
