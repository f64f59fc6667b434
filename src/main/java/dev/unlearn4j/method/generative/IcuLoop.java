package dev.unlearn4j.method.generative;

import dev.unlearn4j.train.TrainSpec;

/**
 * A method trained in ICU's loop — ICU itself, and LLMU and PO as ICU's code runs them: paired batches of forget
 * passages and their analogues, the method's own schedule, and ICU's per-passage refinement when it is on. The
 * subclasses differ only in their loss.
 */
public abstract class IcuLoop implements SequenceMethod {
  /** The settings every method of the loop has (its {@code Args} record provides them). */
  public interface Settings {
    /** Per-passage refinement between epochs. */
    boolean refine();

    /** The refinement's thresholds. */
    Refinement.Thresholds refinement();

    /** Epochs (the cap), batch, optimiser. */
    TrainSpec train();
  }

  private final Settings settings;

  protected IcuLoop(Settings settings) {
    this.settings = settings;
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return settings.train();
  }

  @Override
  public boolean refines() {
    return settings.refine();
  }

  @Override
  public Refinement.Thresholds refinement() {
    return settings.refinement();
  }
}
