package dev.unlearn4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One ND4J gradient updater per trainable variable. Used instead of {@code SameDiff.fit}, whose cached loss list
 * and gradient graph make switching objectives fragile in M2.1.
 */
final class Updaters {
  private final Map<String, INDArray> params;
  private final TrainSpec spec;
  private final Map<String, GradientUpdater<?>> byName = new LinkedHashMap<>();
  private final Map<String, INDArray> states = new LinkedHashMap<>();

  /** @param params the arrays to update in place, by name (graph variables and gathered tables) */
  Updaters(Map<String, INDArray> params, TrainSpec spec) {
    this.params = params;
    this.spec = spec;
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      String name = e.getKey();
      INDArray p = e.getValue();
      IUpdater cfg = config(spec);
      long size = cfg.stateSize(p.length());
      INDArray state = size == 0 ? null : Nd4j.zeros(p.dataType(), 1, size);
      byName.put(name, cfg.instantiate(state, true));        // the updater works on this array in place
      if (state != null) {
        states.put(name, state);
      }
    }
  }

  private static IUpdater config(TrainSpec spec) {
    return switch (spec.optimizer()) {
      case ADAM -> new Adam(spec.learningRate(), 0.9, spec.beta2(), 1e-8);
      case SGD -> spec.momentum() > 0 ? new Nesterovs(spec.learningRate(), spec.momentum())
          : new Sgd(spec.learningRate());
    };
  }

  /** The optimiser's state arrays (Adam's moments, momentum), live: checkpoints save and restore them. */
  Map<String, INDArray> states() {
    return states;
  }

  /** The arrays being trained, live. */
  Map<String, INDArray> params() {
    return params;
  }

  /** Applies one step; {@code grads} are consumed (the updater overwrites them with the update). */
  void apply(Map<String, INDArray> grads, int iteration, int epoch) {
    for (Map.Entry<String, GradientUpdater<?>> e : byName.entrySet()) {
      INDArray g = grads.get(e.getKey());
      if (g == null) {
        continue;   // variable does not influence this objective
      }
      INDArray p = params.get(e.getKey());
      e.getValue().applyUpdater(g, iteration, epoch);
      p.subi(g);
      if (spec.weightDecay() > 0) {
        p.muli(1.0 - spec.learningRate() * spec.weightDecay());
      }
    }
  }
}
