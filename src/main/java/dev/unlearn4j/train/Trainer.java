package dev.unlearn4j.train;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.model.ProjectedGraph;
import dev.unlearn4j.util.NativeMemory;
import dev.unlearn4j.util.Seeds;
import dev.unlearn4j.util.UnlearnException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one training loop: build the objective into a fresh graph of the model, then for every step feed a batch,
 * compute gradients ({@code GradFunction.run}), guard against divergence, clip, update, and tell the
 * listeners. The trained weights are copied back into the model at the end.
 */
public final class Trainer {
  private final List<TrainingListener> listeners;
  private TrainingCheckpoints checkpoints;

  public Trainer(List<TrainingListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Saves checkpoints while training and resumes each phase from its latest one. */
  public Trainer withCheckpoints(TrainingCheckpoints c) {
    this.checkpoints = c;
    return this;
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
    ModelGraph own = model.graph(true, Seeds.derive(seed, phase + ".dropout"));
    // the graph the terms train on: the model's own, or it read through the objective's projection head
    ModelGraph g = objective.projection() > 0
        ? new ProjectedGraph(own, objective.projection(), Seeds.derive(seed, phase + ".projection")) : own;
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
    TrainingCheckpoints.Position from = restore(phase, trainStep, batches, perEpoch);
    int step = from.step();
    int startEpoch = from.done() ? spec.epochs() + 1 : Math.max(1, from.epoch());
    outer:
    for (int epoch = startEpoch; epoch <= spec.epochs(); epoch++) {
      for (int b = epoch == from.epoch() ? from.batchInEpoch() : 0; b < perEpoch; b++) {
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
        // after the listeners: a checkpoint only ever covers steps they saw (the train log has their rows), and a
        // process killed in between takes the step again on resume
        if (checkpoints != null && checkpoints.due(step)) {
          checkpoints.save(phase, new TrainingCheckpoints.Position(step, epoch, b + 1, false),
              trainStep.updaters().params(), trainStep.updaters().states());
        }
        if (checkBetweenSteps(model, own, state)) {
          break outer;
        }
      }
      state = new TrainerState(phase, epoch, step, total, state.loss(), state.terms(), state.gradNorm());
      model.load(own);                              // listeners may evaluate the model between epochs
      for (TrainingListener l : listeners) {
        l.onEpochEnd(state);
      }
      final TrainerState s = state;
      if (listeners.stream().anyMatch(l -> l.shouldStop(s))) {
        break;
      }
    }
    if (checkpoints != null && !from.done()) {
      checkpoints.save(phase, new TrainingCheckpoints.Position(step, spec.epochs(), perEpoch, true),
          trainStep.updaters().params(), trainStep.updaters().states());
    }
    model.load(own);
    for (TrainingListener l : listeners) {
      l.onEnd(state);
    }
    return state;
  }

  /** Runs the checks due after this step; true if a listener then asks to stop. */
  private boolean checkBetweenSteps(Model model, ModelGraph own, TrainerState state) {
    List<TrainingListener> due = listeners.stream().filter(l -> l.checkDue(state)).toList();
    if (due.isEmpty()) {
      return false;
    }
    model.load(own);
    due.forEach(l -> l.onCheck(state));
    return listeners.stream().anyMatch(l -> l.shouldStop(state));
  }

  /**
   * Restores the phase's latest checkpoint into the live arrays and replays the batch order (and the feed, whose
   * dropout masks draw from the graph's random stream) up to it; returns where to continue.
   */
  private TrainingCheckpoints.Position restore(String phase, TrainStep trainStep, StepBatches batches, int perEpoch) {
    Optional<TrainingCheckpoints.Saved> saved = checkpoints == null ? Optional.empty()
        : checkpoints.latest(phase);
    if (saved.isEmpty()) {
      return new TrainingCheckpoints.Position(0, 1, 0, false);
    }
    TrainingCheckpoints.Saved c = saved.get();
    copy(c.params(), trainStep.updaters().params(), phase);
    copy(c.state(), trainStep.updaters().states(), phase);
    if (!c.position().done()) {
      long consumed = (long) (c.position().epoch() - 1) * perEpoch + c.position().batchInEpoch();
      for (long i = 0; i < consumed; i++) {
        if (i % perEpoch == 0) {
          int epoch = (int) (i / perEpoch) + 1;
          listeners.forEach(l -> l.onReplay(epoch));
        }
        Batch b = batches.next();
        if (b.size() > 0) {
          trainStep.replay(b);
        }
      }
    }
    return c.position();
  }

  private static void copy(Map<String, INDArray> from,
      Map<String, INDArray> into, String phase) {
    if (!from.keySet().equals(into.keySet())) {
      throw new UnlearnException("checkpoint of phase '" + phase + "' holds " + from.keySet()
          + ", the model trains " + into.keySet());
    }
    into.forEach((k, v) -> v.assign(from.get(k)));
  }
}
