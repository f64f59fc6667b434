package dev.unlearn4j.method.classifier;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.Sharding;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.model.Ensemble;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import java.util.Optional;

/**
 * SISA (Bourtoule et al., arXiv 1912.03817): the training split is cut into disjoint shards, each shard into slices;
 * one constituent model per shard trains incrementally (stage r on slices 1..r, a checkpoint after every stage), and
 * the ensemble predicts. Unlearning is exact: each shard that holds forget samples restarts from the checkpoint
 * before its earliest affected slice and retrains the remaining stages without them. Each stage trains for
 * max(1, round(2e/(R+1))) epochs, so a constituent sees about e epochs' worth of its data in all. The stages are
 * run by {@code experiment.SisaTraining}; this class holds the settings, and each stage trains as {@link Retrain}
 * does (retain cross-entropy from fresh weights).
 */
public record Sisa(Args args) implements UnlearningMethod {
  /**
   * @param shards S disjoint shards (default 5)
   * @param slices R slices per shard (default 4)
   * @param aggregation {@code mean-softmax} (default) or {@code vote}
   * @param train schedule of a constituent; unset (default) reuses the original model's
   */
  public record Args(int shards, int slices, Ensemble.Aggregation aggregation, TrainSpec train) {
    public Args {
      if (shards < 1 || slices < 1) {
        throw new ConfigException("keys 'method.args.shards' and 'method.args.slices' must be >= 1");
      }
      if (aggregation == null) {
        throw new ConfigException("key 'method.args.aggregation' must be one of [mean-softmax, vote]");
      }
    }

    public static Args defaults() {
      return new Args(5, 4, Ensemble.Aggregation.MEAN_SOFTMAX, null);
    }
  }

  /** What each stage trains: retain cross-entropy from fresh weights, on the constituent's schedule. */
  private Retrain constituent() {
    return new Retrain(new Retrain.Args(args.train()));
  }

  @Override
  public Optional<Sharding> sharding() {
    return Optional.of(new Sharding(args.shards(), args.slices(), args.aggregation()));
  }

  @Override
  public Objective objective() {
    return constituent().objective();
  }

  @Override
  public BatchPlan plan(TrainSpec schedule) {
    return constituent().plan(schedule);
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return constituent().schedule(original);
  }

  @Override
  public boolean fromScratch() {
    return constituent().fromScratch();
  }
}
