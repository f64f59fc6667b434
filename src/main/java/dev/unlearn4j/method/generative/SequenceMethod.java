package dev.unlearn4j.method.generative;

import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/**
 * A method that unlearns memorised sequences of a causal language model (ICU and its baselines). The runner checks
 * the forget passages before training and after every epoch and stops when they are forgotten; these are the
 * method's settings for that loop.
 */
public interface SequenceMethod extends UnlearningMethod {
  /** Each step: a batch of forget passages with their index-aligned analogues (KUMPR overrides: forget only). */
  @Override
  default BatchPlan plan(TrainSpec schedule) {
    return BatchPlan.paired(schedule.batchSize());
  }

  /** True: forgotten passages leave training with their analogues (ICU's refinement); the baselines do not. */
  default boolean refines() {
    return false;
  }

  /** Thresholds of the refinement (ignored when {@link #refines()} is false). */
  default Refinement.Thresholds refinement() {
    return Refinement.Thresholds.defaults();
  }

  /** True: the stop rule also fires when no passage is flagged any more (needs {@link #refines()}). */
  default boolean stopsWhenNothingFlagged() {
    return refines();
  }
}
