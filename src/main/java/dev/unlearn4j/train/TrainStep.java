package dev.unlearn4j.train;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.nn.GradFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One optimisation step on a graph with an objective built in: feed the batch, compute the loss, its terms and
 * the gradients of every trainable variable and gathered table, guard against divergence, clip, update.
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

  public TrainStep(ModelGraph g, int numClasses, Objective objective, TrainSpec spec) {
    this.g = g;
    this.numClasses = numClasses;
    this.objective = objective;
    this.spec = spec;
    SameDiff sd = g.sd();
    objective.build(LossInputs.create(g, numClasses));
    sd.setLossVariables(Objective.LOSS);
    List<String> trainable = g.trainableVariables();
    tables = g.gatheredTables().stream().filter(GatheredTable::trainable).toList();
    // built once, up front: M2.1 rebuilds nothing later, and its chatter is silenced here
    gradFunction = GradFunction.create(sd, tables.stream().map(GatheredTable::input).toArray(String[]::new));
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
    Map<String, INDArray> feed = new HashMap<>(g.feed(batch.examples()));
    feed.putAll(g.lossFeed(batch, numClasses));
    objective.feeds().forEach(f -> feed.putAll(f.feed(batch)));
    OutAndGrad og = gradFunction.run(feed, outputs, gradientsOf);
    Map<String, INDArray> grads = new LinkedHashMap<>(og.getGradients());
    for (GatheredTable t : tables) {
      INDArray rows = t.gradient(grads.remove(t.input()));          // input rows → table rows
      INDArray tied = grads.get(t.name());
      grads.put(t.name(), tied == null ? rows : tied.add(rows));  // tied: both uses add up
    }
    double loss = og.getOutputs().get(Objective.LOSS).getDouble(0);
    double norm = GradientClipping.globalNorm(grads);
    DivergenceGuard.check(phase, step, loss, norm);
    if (spec.clipNorm() > 0) {
      GradientClipping.scaleTo(grads, norm, spec.clipNorm());
    }
    updaters.apply(grads, step - 1, epoch - 1);
    Map<String, Double> terms = new LinkedHashMap<>();
    for (String o : objective.outputNames()) {
      terms.put(o, og.getOutputs().get(o).getDouble(0));
    }
    return new Outcome(loss, terms, norm);
  }
}
