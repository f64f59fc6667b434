package dev.unlearn4j.train;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.util.NativeMemory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient of one step's batch, computed in micro-batches when the batch is larger than {@code microBatch}:
 * every part is fed with each term's share of the examples it averages over (see
 * {@link dev.unlearn4j.loss.LossTerm.Rows}), so the parts' gradients add up to the whole batch's. Each part's arrays
 * are freed before the next part runs, which bounds memory by the part, not the batch.
 */
final class PartSums {
  private final ModelGraph g;
  private final int numClasses;
  private final Objective objective;
  private final int microBatch;
  private final GradFunction gradFunction;
  private final List<String> outputs;
  private final List<String> gradientsOf;
  private final List<GatheredTable> tables;

  PartSums(ModelGraph g, int numClasses, Objective objective, int microBatch, GradFunction gradFunction,
      List<String> outputs, List<String> gradientsOf, List<GatheredTable> tables) {
    this.g = g;
    this.numClasses = numClasses;
    this.objective = objective;
    this.microBatch = microBatch;
    this.gradFunction = gradFunction;
    this.outputs = outputs;
    this.gradientsOf = gradientsOf;
    this.tables = tables;
  }

  /** A batch's loss, terms and gradients, summed over its parts. */
  record Summed(Map<String, INDArray> grads, double loss, Map<String, Double> terms, int parts) {}

  /** Loss, terms and gradients of a batch, summed over its parts. */
  Summed of(Batch batch) {
    List<Batch> parts = batch.split(microBatch);
    Map<String, INDArray> grads = null;
    double loss = 0;
    Map<String, Double> terms = new LinkedHashMap<>();
    for (Batch part : parts) {
      Map<String, Double> shares = shares(part, batch);
      Map<String, INDArray> lossFeed = lossFeed(part, shares);
      Map<String, INDArray> feed = new HashMap<>(g.feed(part.examples()));
      feed.putAll(lossFeed);
      OutAndGrad og = gradFunction.run(feed, outputs, gradientsOf);
      Map<String, INDArray> g = tableGradients(og.getGradients());
      loss += og.getOutputs().get(Objective.LOSS).getDouble(0);
      for (Objective.Term t : objective.terms()) {
        double v = og.getOutputs().get(Objective.outputName(t)).getDouble(0);
        terms.merge(Objective.outputName(t), v * shares.get(Objective.shareName(t)), Double::sum);
      }
      if (grads == null) {
        grads = g;                   // the first part's gradients (arrays of their own) hold the sums
      } else {
        // a part's arrays (at V = 50,257 hundreds of megabytes) are freed at once rather than when the collector
        // finds their wrappers
        for (Map.Entry<String, INDArray> e : g.entrySet()) {
          INDArray sum = grads.putIfAbsent(e.getKey(), e.getValue());
          if (sum != null) {
            sum.addi(e.getValue());
            e.getValue().close();
          }
        }
      }
      if (parts.size() > 1) {
        lossFeed.values().forEach(INDArray::close);
        NativeMemory.collect();
      }
    }
    return new Summed(grads, loss, terms, parts.size());
  }

  /** Each term's share of the whole batch held by this part (1 when the batch is not cut). */
  private Map<String, Double> shares(Batch part, Batch whole) {
    Map<String, Double> m = new LinkedHashMap<>();
    objective.terms().forEach(t -> m.put(Objective.shareName(t), t.loss().rows().share(part, whole)));
    return m;
  }

  /** Targets, masks, the objective's own placeholders and the shares of a part: arrays made for this part only. */
  private Map<String, INDArray> lossFeed(Batch part, Map<String, Double> shares) {
    Map<String, INDArray> feed = new HashMap<>(g.lossFeed(part, numClasses));
    objective.feeds().forEach(f -> feed.putAll(f.feed(part)));
    DataType type = g.logits().dataType();
    shares.forEach((name, v) -> feed.put(name, Nd4j.scalar(type, v)));
    return feed;
  }

  /** The graph's gradients with each gathered table's input gradient turned into the table's own. */
  private Map<String, INDArray> tableGradients(Map<String, INDArray> fromGraph) {
    Map<String, INDArray> grads = new LinkedHashMap<>(fromGraph);
    for (GatheredTable t : tables) {
      INDArray rows = t.gradient(grads.remove(t.input()));          // input rows → table rows (a reused buffer)
      INDArray tied = grads.get(t.name());
      grads.put(t.name(), tied == null ? rows.dup() : tied.addi(rows));  // tied: both uses add up
    }
    return grads;
  }
}
