package dev.unlearn4j.train;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Batch;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.nn.GradFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

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
  private final PartSums sums;
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
    requireCuttable(objective, spec);
    objective.build(g.lossInputs(numClasses), true);
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
    sums = new PartSums(g, numClasses, objective, spec.microBatch(), gradFunction, outputs, gradientsOf, tables);
  }

  /** Fails when {@code spec} asks for micro-batches and a term of {@code objective} relates rows to each other. */
  public static void requireCuttable(Objective objective, TrainSpec spec) {
    List<String> coupled = objective.coupledTerms();
    if (spec.microBatch() > 0 && !coupled.isEmpty()) {
      throw new ConfigException("microBatch " + spec.microBatch() + ": the loss term(s) " + coupled + " relate "
          + "the rows of a batch to each other, so the batch cannot be cut; set microBatch to 0");
    }
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
    PartSums.Summed sum = sums.of(batch);
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
    sums.of(batch).grads().forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }

  /**
   * Feeds a batch's parts without computing anything: replays the draws the feed makes (dropout masks) when a
   * run resumes.
   */
  public void replay(Batch batch) {
    batch.split(spec.microBatch()).forEach(p -> g.feed(p.examples()));
  }
}
