package dev.unlearn4j.experiment;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.method.Sharding;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.model.Ensemble;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.train.TrainingCheckpoints;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.util.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Trains SISA's constituents stage by stage (a checkpoint on disk after every stage, as a deployed SISA keeps them
 * for deletions it cannot foresee), then unlearns: every shard holding forget samples reloads the checkpoint before
 * its earliest affected slice and retrains the remaining stages without them. Untouched shards are reused as they
 * are. The stage checkpoints are deleted at the end.
 */
final class SisaTraining {
  /**
   * @param before the ensemble trained on the whole training split
   * @param after the ensemble after unlearning (untouched members shared with {@code before})
   * @param trainSeconds training the ensemble (SISA's counterpart of training the original)
   * @param unlearnSeconds retraining the affected shards
   * @param shardsRetrained how many shards held forget samples
   */
  record Outcome(Ensemble before, Ensemble after, double trainSeconds, double unlearnSeconds, int shardsRetrained) {}

  private final UnlearningMethod method;
  private final Sharding sharding;
  private final Experiment exp;
  private final Dataset data;
  private final TrainSpec stage;
  private final long seed;
  private final Trainer trainer;
  private final Path scratch;

  /** @param method a method that declares its {@link UnlearningMethod#sharding()}; each stage trains as it does */
  SisaTraining(UnlearningMethod method, Experiment exp, Dataset data, TrainSpec schedule, long seed, Trainer trainer,
      Path scratch) {
    this.method = method;
    this.sharding = method.sharding().orElseThrow();
    this.exp = exp;
    this.data = data;
    this.stage = schedule.with(sharding.stageEpochs(schedule), schedule.batchSize(), schedule.learningRate());
    this.seed = seed;
    this.trainer = trainer;
    this.scratch = scratch;
  }

  Outcome run(List<Example> train, Set<String> forgetIds) {
    List<List<List<Example>>> shards = partition(train);                    // [shard][slice][example]
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long t = System.nanoTime();
    List<Model> trained = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      trained.add(trainStages(i, fresh(i), shards.get(i), 0, Set.of()));
    }
    double trainS = RunRecord.secondsSince(t);
    t = System.nanoTime();
    List<Model> unlearned = new ArrayList<>(trained);
    int touched = 0;
    for (int i = 0; i < shards.size(); i++) {
      int first = firstAffectedSlice(shards.get(i), forgetIds);
      if (first < 0) {
        continue;
      }
      touched++;
      Model start = first == 0 ? fresh(i) : restore(i, first - 1);
      unlearned.set(i, trainStages(i, start, shards.get(i), first, forgetIds));
    }
    double unlearnS = RunRecord.secondsSince(t);
    new TrainingCheckpoints(scratch, 0).deleteAll();                          // stage files, as a run's checkpoints
    return new Outcome(new Ensemble(trained, sharding.aggregation()), new Ensemble(unlearned,
        sharding.aggregation()), trainS, unlearnS, touched);
  }

  /** Seeded shuffle, dealt round-robin into S shards, each cut into R contiguous slices of near-equal size. */
  List<List<List<Example>>> partition(List<Example> train) {
    List<Example> order = new ArrayList<>(train);
    order.sort(Comparator.comparing(Example::id));                  // independent of the split's order
    Collections.shuffle(order, Seeds.random(seed, "sisa.shards"));
    int s = sharding.shards();
    int r = sharding.slices();
    List<List<List<Example>>> out = new ArrayList<>();
    for (int i = 0; i < s; i++) {
      List<Example> shard = new ArrayList<>();
      for (int j = i; j < order.size(); j += s) {
        shard.add(order.get(j));
      }
      List<List<Example>> slices = new ArrayList<>();
      for (int k = 0; k < r; k++) {
        slices.add(shard.subList(k * shard.size() / r, (k + 1) * shard.size() / r));
      }
      out.add(slices);
    }
    return out;
  }

  private static int firstAffectedSlice(List<List<Example>> slices, Set<String> forgetIds) {
    for (int k = 0; k < slices.size(); k++) {
      if (slices.get(k).stream().anyMatch(e -> forgetIds.contains(e.id()))) {
        return k;
      }
    }
    return -1;
  }

  /** Stages {@code from}..R−1 of shard i: stage r trains on slices 0..r without the forgotten examples. */
  Model trainStages(int shard, Model model, List<List<Example>> slices, int from, Set<String> forgetIds) {
    for (int r = from; r < slices.size(); r++) {
      List<Example> seen = slices.subList(0, r + 1).stream().flatMap(List::stream)
          .filter(e -> !forgetIds.contains(e.id())).toList();
      if (!seen.isEmpty()) {
        trainer.fit("sisa-shard" + shard + "-stage" + (r + 1), model, method.objective(),
            method.plan(stage), stage, List.of(), seen, Seeds.derive(seed, "sisa." + shard + "." + r));
      }
      if (forgetIds.isEmpty()) {
        Safetensors.write(checkpoint(shard, r), model.weights(), null);
      }
    }
    return model;
  }

  Model fresh(int shard) {
    return exp.model().create(data, Seeds.derive(seed, "sisa.init." + shard));
  }

  private Model restore(int shard, int stageIndex) {
    Model m = fresh(shard);
    Path file = checkpoint(shard, stageIndex);
    RunEvaluator.assign(m, Safetensors.read(file), file);
    return m;
  }

  private Path checkpoint(int shard, int stageIndex) {
    return scratch.resolve("shard" + shard + "-stage" + (stageIndex + 1) + ".safetensors");
  }
}
