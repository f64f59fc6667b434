package dev.unlearn4j.model;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's training graph whose latent passes through a projection head, D → D → out with a ReLU between (the
 * contrastive head of SimCLR that Lee et al.'s contrastive unlearning puts on the encoder). The head trains with the
 * model but is not one of its weights: the trainer loads the model from the inner graph, so the head is dropped
 * after training and inference never sees it. Initialised as PyTorch's {@code nn.Linear}: weights and
 * biases uniform in ±1/√fan_in, from {@code seed}.
 */
public final class ProjectedGraph implements ModelGraph {
  private final ModelGraph inner;
  private final SDVariable latent;
  private final List<String> trainable;
  private final long size;

  public ProjectedGraph(ModelGraph inner, int out, long seed) {
    this.inner = inner;
    SameDiff sd = inner.sd();
    long d = inner.latentSize();
    Random r = new Random(seed);
    SDVariable w1 = sd.var("projection_w1", uniform(r, d, d, d));
    SDVariable b1 = sd.var("projection_b1", uniform(r, d, 1, d).reshape(d));
    SDVariable w2 = sd.var("projection_w2", uniform(r, d, d, out));
    SDVariable b2 = sd.var("projection_b2", uniform(r, d, 1, out).reshape(out));
    SDVariable h = sd.nn.relu(inner.latent().mmul(w1).add(b1), 0);                        // [B, D]
    this.latent = h.mmul(w2).add("projected_latent", b2);                               // [B, out]
    List<String> t = new ArrayList<>(inner.trainableVariables());
    t.addAll(List.of("projection_w1", "projection_b1", "projection_w2", "projection_b2"));
    this.trainable = List.copyOf(t);
    this.size = out;
  }

  private static INDArray uniform(Random r, long fanIn, long rows, long cols) {
    double bound = 1 / Math.sqrt(fanIn);
    float[] v = new float[Math.toIntExact(rows * cols)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((2 * r.nextDouble() - 1) * bound);
    }
    return Nd4j.create(v, new long[] {rows, cols}, 'c');
  }

  @Override
  public SameDiff sd() {
    return inner.sd();
  }

  @Override
  public List<String> trainableVariables() {
    return trainable;
  }

  @Override
  public SDVariable logits() {
    return inner.logits();
  }

  @Override
  public SDVariable latent() {
    return latent;
  }

  @Override
  public long latentSize() {
    return size;
  }

  @Override
  public Map<String, INDArray> feed(List<Example> batch) {
    return inner.feed(batch);
  }

  @Override
  public Map<String, INDArray> lossFeed(Batch batch, int numClasses) {
    return inner.lossFeed(batch, numClasses);
  }

  @Override
  public List<GatheredTable> gatheredTables() {
    return inner.gatheredTables();
  }
}
