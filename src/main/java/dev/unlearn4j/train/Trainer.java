package dev.unlearn4j.train;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.util.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one training loop: build the objective into a fresh graph of the model, then for every step feed a batch,
 * compute gradients ({@code calculateGradientsAndOutputs}), guard against divergence, clip, update, and tell the
 * listeners. The trained weights are copied back into the model at the end.
 */
public final class Trainer {
  private final List<TrainingListener> listeners;

  public Trainer(List<TrainingListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /**
   * @param phase name used in logs and errors ("original", "oracle", "unlearn")
   * @param model trained in place
   * @param forget forget examples (may be empty if the plan does not use them)
   * @param retain retain examples (may be empty if the plan does not use them)
   * @param seed drives the batch order
   * @return the state after the last step
   */
  public TrainerState fit(String phase, Model model, Objective objective, BatchPlan plan, TrainSpec spec,
      List<Example> forget, List<Example> retain, long seed) {
    ModelGraph g = model.graph(true, Seeds.derive(seed, phase + ".dropout"));
    SameDiff sd = g.sd();
    LossInputs in = LossInputs.create(g, model.numClasses());
    objective.build(in);
    sd.setLossVariables(Objective.LOSS);
    List<String> trainable = g.trainableVariables();
    List<GatheredTable> tables = g.gatheredTables().stream().filter(GatheredTable::trainable).toList();
    GradFunction.create(sd, tables.stream().map(GatheredTable::input).toArray(String[]::new));
    List<String> gradientsOf = new ArrayList<>(trainable);
    tables.forEach(t -> gradientsOf.add(t.input()));
    List<String> outputs = new ArrayList<>(objective.outputNames());
    outputs.add(Objective.LOSS);
    Map<String, INDArray> params = new LinkedHashMap<>();
    trainable.forEach(n -> params.put(n, sd.getArrForVarName(n)));
    tables.forEach(t -> params.put(t.name(), t.table()));
    Updaters updaters = new Updaters(params, spec);

    StepBatches batches = new StepBatches(plan, forget, retain, seed, phase);
    int perEpoch = batches.stepsPerEpoch();
    int total = spec.epochs() * perEpoch;
    if (spec.maxSteps() > 0) {
      total = Math.min(total, spec.maxSteps());
    }

    TrainerState state = new TrainerState(phase, 0, 0, total, Double.NaN, Map.of(), 0.0);
    for (TrainingListener l : listeners) {
      l.onStart(state);
    }
    int step = 0;
    outer:
    for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
      for (int b = 0; b < perEpoch; b++) {
        if (step >= total) {
          break outer;
        }
        Batch batch = batches.next();
        Map<String, INDArray> feed = new HashMap<>(g.feed(batch.examples()));
        feed.putAll(LossInputs.feed(batch, model.numClasses()));
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed, outputs, gradientsOf);
        step++;
        Map<String, INDArray> grads = new LinkedHashMap<>(og.getGradients());
        for (GatheredTable t : tables) {
          grads.put(t.name(), t.gradient(grads.remove(t.input())));   // input rows → table rows
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
        state = new TrainerState(phase, epoch, step, total, loss, terms, norm);
        for (TrainingListener l : listeners) {
          l.onStep(state);
        }
      }
      for (TrainingListener l : listeners) {
        l.onEpochEnd(state);
      }
      final TrainerState s = state;
      if (listeners.stream().anyMatch(l -> l.shouldStop(s))) {
        break;
      }
    }
    model.load(g);
    for (TrainingListener l : listeners) {
      l.onEnd(state);
    }
    return state;
  }
}
