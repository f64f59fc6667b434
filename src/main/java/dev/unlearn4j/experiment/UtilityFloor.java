package dev.unlearn4j.experiment;

import dev.unlearn4j.data.Split;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.DivergenceException;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import java.util.List;

/**
 * Stops unlearning when the model's utility collapses: after every epoch the retain-split accuracy is measured
 * and a value below the floor ends the run with an error (no summary is written; checkpoints stay in place).
 */
final class UtilityFloor implements TrainingListener {
  private final Model model;
  private final Split retain;
  private final EvalSpec spec;
  private final double floor;

  UtilityFloor(Model model, Split retain, EvalSpec eval) {
    this.model = model;
    this.retain = retain;
    this.spec = new EvalSpec(List.of("accuracy"), false, eval.labels(), eval.batchSize(), 0.0);
    this.floor = eval.utilityFloor();
  }

  @Override
  public void onEpochEnd(TrainerState s) {
    EvalResult r = Evaluator.evaluate(model, List.of(retain), spec);
    double acc = r.aggregates().get("retain.accuracy");
    if (acc < floor) {
      throw new DivergenceException(String.format("utility collapsed in phase '%s' after epoch %d: retain accuracy "
          + "%.4f is below eval.utilityFloor %.4f", s.phase(), s.epoch(), acc, floor));
    }
  }
}
