package dev.unlearn4j.method;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.unlearn4j.config.EnumKey;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import java.util.List;
import java.util.Optional;

/**
 * An unlearning method: what it optimises, which batches each step sees and for how long. Methods build no files
 * and run no loops; the {@link dev.unlearn4j.train.Trainer} does.
 */
public interface UnlearningMethod {
  /** The loss the method minimises, as named weighted terms. */
  Objective objective();

  /**
   * The loss as trained from {@code original}: methods anchored to the frozen original model (ICU's KL term) add
   * the placeholders it feeds; the others return {@link #objective()}.
   */
  default Objective objective(Model original) {
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
  default List<Example> forgetExamples(List<Example> forget,
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

    @JsonValue
    public String key() {
      return EnumKey.of(this);
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

  /**
   * How the method unlearns when it does not train one model with {@link #objective()}: SISA declares its shards
   * here. Empty (the default): the trainer trains a copy of the original (or fresh weights, {@link #fromScratch}).
   */
  default Optional<Sharding> sharding() {
    return Optional.empty();
  }
}
