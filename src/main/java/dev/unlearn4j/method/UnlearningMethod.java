package dev.unlearn4j.method;

import dev.unlearn4j.catalog.Methods;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/**
 * An unlearning method: what it optimises, which batches each step sees and for how long. Methods build no files
 * and run no loops; the {@link dev.unlearn4j.train.Trainer} does.
 */
public interface UnlearningMethod {
  /** Registry name. */
  String name();

  /** The loss the method minimises, as named weighted terms. */
  Objective objective();

  /**
   * The loss as trained from {@code original}: methods anchored to the frozen original model (ICU's KL term) add
   * the placeholders it feeds; the others return {@link #objective()}.
   */
  default Objective objective(dev.unlearn4j.model.Model original) {
    return objective();
  }

  /** Which examples each step sees, given the schedule from {@link #schedule}. */
  BatchPlan plan(TrainSpec schedule);

  /**
   * The method's schedule.
   *
   * @param original the schedule that trained the original model (retraining reuses it)
   */
  TrainSpec schedule(TrainSpec original);

  /**
   * The forget examples the method trains on; most use them as they are, some relabel them.
   *
   * @param numClasses classes of the dataset
   * @param seed the experiment seed
   */
  default java.util.List<dev.unlearn4j.data.Example> forgetExamples(java.util.List<dev.unlearn4j.data.Example> forget,
      int numClasses, long seed) {
    return forget;
  }

  /**
   * When unlearning may stop before the schedule's last epoch: never ({@code epochs}, the default), or after the
   * first epoch whose forget-split macro-F1 is at most the test split's ({@code forget-f1-at-test}) or the
   * oracle's forget macro-F1 ({@code forget-f1-at-oracle}); the schedule's epochs are then the cap.
   */
  enum Stop {
    EPOCHS,
    FORGET_F1_AT_TEST,
    FORGET_F1_AT_ORACLE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String key() {
      return dev.unlearn4j.config.EnumKey.of(this);
    }
  }

  /** The method's stopping rule (see {@link Stop}). */
  default Stop stop() {
    return Stop.EPOCHS;
  }

  /** True if the method starts from freshly initialised weights instead of the original model. */
  default boolean fromScratch() {
    return false;
  }
}
