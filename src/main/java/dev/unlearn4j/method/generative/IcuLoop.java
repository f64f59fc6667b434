package dev.unlearn4j.method.generative;

import dev.unlearn4j.train.TrainSpec;

/**
 * A method trained in ICU's loop — ICU itself, and LLMU and PO as ICU's code runs them: paired batches of forget
 * passages and their analogues, the method's own schedule, and ICU's per-passage refinement when it is on. The
 * implementations differ only in their loss.
 */
public interface IcuLoop extends SequenceMethod {
  /** The settings every method of the loop has (its {@code Args} record provides them). */
  interface Settings {
    /** Per-passage refinement between epochs. */
    boolean refine();

    /** The refinement's thresholds. */
    Refinement.Thresholds refinement();

    /** Epochs (the cap), batch, optimiser. */
    TrainSpec train();
  }

  /** The method's settings: its {@code Args}. */
  Settings args();

  @Override
  default TrainSpec schedule(TrainSpec original) {
    return args().train();
  }

  @Override
  default boolean refines() {
    return args().refine();
  }

  @Override
  default Refinement.Thresholds refinement() {
    return args().refinement();
  }
}
