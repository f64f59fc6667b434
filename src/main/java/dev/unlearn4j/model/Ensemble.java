package dev.unlearn4j.model;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.unlearn4j.config.EnumKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Constituent models that predict together (SISA): the mean of their softmax outputs, or a majority vote. It has no
 * single graph; the evaluator runs each member and {@link #combine}s their class scores. Its weights are the
 * members' under {@code shard<i>.} prefixes.
 */
public final class Ensemble implements Model {
  /** How the members' outputs become one prediction. */
  public enum Aggregation {
    MEAN_SOFTMAX,
    VOTE;

    @JsonValue
    public String key() {
      return EnumKey.of(this);
    }
  }

  private final List<Model> members;
  private final Aggregation aggregation;

  public Ensemble(List<Model> members, Aggregation aggregation) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member");
    }
    this.members = List.copyOf(members);
    this.aggregation = aggregation;
  }

  public List<Model> members() {
    return members;
  }

  /**
   * One example's ensemble scores from its members' logits: log of the mean softmax, or log of the vote shares
   * (floored at 1e−12 so a class nobody voted for has a finite score; ties go to the lowest class, as argmax does).
   *
   * @param memberLogits [S][C] each member's logits for the example
   * @return [C] log-probabilities of the ensemble
   */
  public double[] combine(double[][] memberLogits) {
    int c = memberLogits[0].length;
    double[] p = new double[c];
    for (double[] z : memberLogits) {
      if (aggregation == Aggregation.VOTE) {
        int best = 0;
        for (int k = 1; k < c; k++) {
          best = z[k] > z[best] ? k : best;
        }
        p[best] += 1.0 / memberLogits.length;
      } else {
        double max = Arrays.stream(z).max().orElseThrow();
        double sum = 0;
        for (double v : z) {
          sum += Math.exp(v - max);
        }
        for (int k = 0; k < c; k++) {
          p[k] += Math.exp(z[k] - max) / sum / memberLogits.length;
        }
      }
    }
    for (int k = 0; k < c; k++) {
      p[k] = Math.log(Math.max(p[k], 1e-12));
    }
    return p;
  }

  @Override
  public int numClasses() {
    return members.get(0).numClasses();
  }

  @Override
  public ModelGraph graph(boolean training, long seed) {
    throw new UnsupportedOperationException("an ensemble is trained and evaluated member by member");
  }

  @Override
  public void load(ModelGraph graph) {
    throw new UnsupportedOperationException("an ensemble is trained member by member");
  }

  @Override
  public Model copy() {
    return new Ensemble(members.stream().map(Model::copy).toList(), aggregation);
  }

  @Override
  public Map<String, INDArray> weights() {
    Map<String, INDArray> all = new LinkedHashMap<>();
    for (int i = 0; i < members.size(); i++) {
      String prefix = prefix(i);
      members.get(i).weights().forEach((k, v) -> all.put(prefix + k, v));
    }
    return all;
  }

  /** Member i's tensors out of an ensemble's saved {@link #weights()}, under their own names. */
  public static Map<String, INDArray> memberWeights(Map<String, INDArray> saved, int i) {
    String prefix = prefix(i);
    Map<String, INDArray> own = new LinkedHashMap<>();
    saved.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        own.put(k.substring(prefix.length()), v);
      }
    });
    return own;
  }

  private static String prefix(int i) {
    return "shard" + i + ".";
  }
}
