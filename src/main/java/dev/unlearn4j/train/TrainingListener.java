package dev.unlearn4j.train;

import dev.unlearn4j.data.Example;

/** Hooks into the {@link Trainer}: progress display, train logs, checkpoints, early stopping. */
public interface TrainingListener {
  /** Before the first step of a phase; {@code state} carries the phase and its total steps. */
  default void onStart(TrainerState state) {}

  default void onStep(TrainerState state) {}

  default void onEpochEnd(TrainerState state) {}

  /** After the last step of a phase (also after an early stop, not after a failure). */
  default void onEnd(TrainerState state) {}

  /** Whether a forget example takes part in the coming steps (ICU's refinement excludes forgotten ones). */
  default boolean keep(Example forgetExample) {
    return true;
  }

  /**
   * A resumed phase replays the batch order up to its checkpoint; this is called before the batches of each
   * replayed epoch, so a listener whose {@link #keep} changes between epochs can restore that epoch's choice.
   */
  default void onReplay(int epoch) {}

  /**
   * Whether this listener checks the model after this step (a stopping rule checked every few steps); if any
   * listener does, the trainer brings the model up to date, calls {@link #onCheck} on those listeners and then
   * asks {@link #shouldStop}. A phase stopped there ends without {@link #onEpochEnd} for its unfinished epoch.
   */
  default boolean checkDue(TrainerState state) {
    return false;
  }

  /** A check between steps that {@link #checkDue} asked for; the model holds the weights after the step. */
  default void onCheck(TrainerState state) {}

  /** Asked after every epoch and after a step's checks: true ends the phase early (stopping rules). */
  default boolean shouldStop(TrainerState state) {
    return false;
  }
}
