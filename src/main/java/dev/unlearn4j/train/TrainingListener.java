package dev.unlearn4j.train;

/** Hooks into the {@link Trainer}: progress display, train logs, checkpoints, early stopping. */
public interface TrainingListener {
  /** Before the first step of a phase; {@code state} carries the phase and its total steps. */
  default void onStart(TrainerState state) {}

  default void onStep(TrainerState state) {}

  default void onEpochEnd(TrainerState state) {}

  /** After the last step of a phase (also after an early stop, not after a failure). */
  default void onEnd(TrainerState state) {}

  /** Whether a forget example takes part in the coming steps (ICU's refinement excludes forgotten ones). */
  default boolean keep(dev.unlearn4j.data.Example forgetExample) {
    return true;
  }

  /** Asked after every epoch: true ends the phase early (stopping rules). */
  default boolean shouldStop(TrainerState state) {
    return false;
  }
}
