package dev.unlearn4j.train;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.util.NativeMemory;
import dev.unlearn4j.util.Seeds;
import java.util.List;
import java.util.Map;

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
    TrainStep trainStep = new TrainStep(g, model.numClasses(), objective, spec);
    StepBatches batches = new StepBatches(plan, forget, retain, seed, phase);
    batches.keep(e -> listeners.stream().allMatch(l -> l.keep(e)));
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
        if (batch.size() == 0) {
          continue;                             // every forget example of the batch was left out: skip the step
        }
        step++;
        TrainStep.Outcome o = trainStep.run(batch, phase, step, epoch);
        NativeMemory.tick();
        state = new TrainerState(phase, epoch, step, total, o.loss(), o.terms(), o.gradNorm());
        for (TrainingListener l : listeners) {
          l.onStep(state);
        }
      }
      state = new TrainerState(phase, epoch, step, total, state.loss(), state.terms(), state.gradNorm());
      model.load(g);                                // listeners may evaluate the model between epochs
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
