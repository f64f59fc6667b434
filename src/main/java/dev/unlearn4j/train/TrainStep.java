package dev.unlearn4j.train;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Batch;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.util.NativeMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One optimisation step on a graph with an objective built in: feed the batch, compute the loss, its terms and
 * the gradients of every trainable variable and gathered table, guard against divergence, clip, update. With a
 * micro-batch size the batch is fed in parts whose gradients are summed before the update; each term is weighted by
 * the part's share of the examples it averages over, so the sum is the whole batch's gradient.
 */
public final class TrainStep {
  /** What one step measured. */
  public record Outcome(double loss, Map<String, Double> terms, double gradNorm) {}

  private final ModelGraph g;
  private final int numClasses;
  private final Objective objective;
  private final TrainSpec spec;
  private final List<GatheredTable> tables;
  private final List<String> gradientsOf = new ArrayList<>();
  private final List<String> outputs;
  private final Updaters updaters;
  private final GradFunction gradFunction;
  /**
   * The session's array cache when batches are cut: enough to reuse a part's arrays of one shape, a quarter of
   * SameDiff's default (at GPT-Neo-125M's vocabulary the default held 1.9 GB; peak RSS of an ICU step 8.7 → 7.7 GB).
   */
  static final long MICRO_BATCH_CACHE_BYTES = 512L << 20;

  public TrainStep(ModelGraph g, int numClasses, Objective objective, TrainSpec spec) {
    this.g = g;
    this.numClasses = numClasses;
    this.objective = objective;
    this.spec = spec;
    SameDiff sd = g.sd();
    List<String> coupled = objective.coupledTerms();
    if (spec.microBatch() > 0 && !coupled.isEmpty()) {
      throw new ConfigException("microBatch " + spec.microBatch() + ": the loss term(s) " + coupled + " relate "
          + "the rows of a batch to each other, so the batch cannot be cut; set microBatch to 0");
    }
    objective.build(LossInputs.create(g, numClasses), true);
    sd.setLossVariables(Objective.LOSS);
    List<String> trainable = g.trainableVariables();
    tables = g.gatheredTables().stream().filter(GatheredTable::trainable).toList();
    // built once, up front: M2.1 rebuilds nothing later, and its chatter is silenced here
    gradFunction = GradFunction.create(sd, tables.stream().map(GatheredTable::input).toArray(String[]::new));
    if (spec.microBatch() > 0) {
      gradFunction.maxCacheBytes(MICRO_BATCH_CACHE_BYTES);
    }
    gradientsOf.addAll(trainable);
    tables.forEach(t -> gradientsOf.add(t.input()));
    outputs = new ArrayList<>(objective.outputNames());
    outputs.add(Objective.LOSS);
    Map<String, INDArray> params = new LinkedHashMap<>();
    trainable.forEach(n -> params.put(n, sd.getArrForVarName(n)));
    // a table tied to a graph variable (a language model's embedding and head) shares that variable's array
    tables.forEach(t -> params.putIfAbsent(t.name(), t.table()));
    updaters = new Updaters(params, spec);
  }

  /** Trained arrays and optimiser state, live (for checkpoints). */
  Updaters updaters() {
    return updaters;
  }

  /**
   * @param step 1-based global step (for errors and the updater's schedule)
   * @param epoch 1-based epoch
   */
  public Outcome run(Batch batch, String phase, int step, int epoch) {
    Summed sum = summed(batch);
    Map<String, INDArray> grads = sum.grads();
    double norm = GradientClipping.globalNorm(grads);
    DivergenceGuard.check(phase, step, sum.loss(), norm);
    if (spec.clipNorm() > 0) {
      GradientClipping.scaleTo(grads, norm, spec.clipNorm());
    }
    updaters.apply(grads, step - 1, epoch - 1);
    if (sum.parts() > 1) {
      grads.values().forEach(INDArray::close);
    }
    return new Outcome(sum.loss(), sum.terms(), norm);
  }

  /** The whole batch's gradient of every trained array, by name (copies; nothing is updated). */
  public Map<String, INDArray> gradients(Batch batch) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    summed(batch).grads().forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }

  private record Summed(Map<String, INDArray> grads, double loss, Map<String, Double> terms, int parts) {}

  /** Loss, terms and gradients of a batch, summed over its parts. */
  private Summed summed(Batch batch) {
    List<Batch> parts = batch.split(spec.microBatch());
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

  /**
   * Feeds a batch's parts without computing anything: replays the draws the feed makes (dropout masks) when a
   * run resumes.
   */
  public void replay(Batch batch) {
    batch.split(spec.microBatch()).forEach(p -> g.feed(p.examples()));
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
