package dev.unlearn4j.method;

import dev.unlearn4j.model.Ensemble;
import dev.unlearn4j.train.TrainSpec;

/**
 * A method's declaration that it unlearns by retraining shards of an ensemble (SISA) instead of training one model:
 * the runner trains and retrains the constituents stage by stage, and a saved model of such a run is an ensemble.
 *
 * @param shards S disjoint shards, one constituent each
 * @param slices R slices per shard, one training stage each
 * @param aggregation how the constituents' predictions are combined
 */
public record Sharding(int shards, int slices, Ensemble.Aggregation aggregation) {
  /** Epochs of one stage: max(1, round(2e/(R+1))), e the schedule's epochs. */
  public int stageEpochs(TrainSpec schedule) {
    return Math.max(1, (int) Math.round(2.0 * schedule.epochs() / (slices + 1)));
  }
}
