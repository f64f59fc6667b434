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
  /** One variable's optimiser: turns its gradient, in place, into the step to subtract. */
  private interface Step {
    void apply(INDArray gradient, int iteration, int epoch);
  }

  private final Map<String, INDArray> params;
  private final TrainSpec spec;
  private final Map<String, Step> byName = new LinkedHashMap<>();
  private final Map<String, INDArray> states = new LinkedHashMap<>();

  /** @param params the arrays to update in place, by name (graph variables and gathered tables) */
  Updaters(Map<String, INDArray> params, TrainSpec spec) {
    this.params = params;
    this.spec = spec;
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      INDArray p = e.getValue();
      if (spec.optimizer() == TrainSpec.Optimizer.SGD && spec.momentum() > 0) {
        INDArray velocity = Nd4j.zeros(p.dataType(), 1, p.length());
        byName.put(e.getKey(), classicalMomentum(velocity));
        states.put(e.getKey(), velocity);
        continue;
      }
      IUpdater cfg = config(spec);
      long size = cfg.stateSize(p.length());
      INDArray state = size == 0 ? null : Nd4j.zeros(p.dataType(), 1, size);
      GradientUpdater<?> u = cfg.instantiate(state, true);    // the updater works on this array in place
      byName.put(e.getKey(), u::applyUpdater);
      if (state != null) {
        states.put(e.getKey(), state);
      }
    }
  }

  /**
   * SGD with classical (heavy-ball) momentum as PyTorch's {@code SGD(momentum=μ)} runs it: v ← μ·v + g, step
   * η·v. ND4J has only Nesterov momentum, a different trajectory.
   */
  private Step classicalMomentum(INDArray velocity) {
    return (g, iteration, epoch) -> {
      INDArray v = velocity.reshape(g.shape());              // a view: updates land in the state array
      v.muli(spec.momentum()).addi(g);
      g.assign(v).muli(spec.learningRate());
    };
  }

  private static IUpdater config(TrainSpec spec) {
    return switch (spec.optimizer()) {
      case ADAM -> new Adam(spec.learningRate(), 0.9, spec.beta2(), 1e-8);
      case NESTEROV -> new Nesterovs(spec.learningRate(), spec.momentum());
      case SGD -> new Sgd(spec.learningRate());
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
    for (Map.Entry<String, Step> e : byName.entrySet()) {
      INDArray g = grads.get(e.getKey());
      if (g == null) {
        continue;   // variable does not influence this objective
      }
      INDArray p = params.get(e.getKey());
      e.getValue().apply(g, iteration, epoch);
      p.subi(g);
      if (spec.weightDecay() > 0) {
        p.muli(1.0 - spec.learningRate() * spec.weightDecay());
      }
    }
  }
}
