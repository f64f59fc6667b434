package dev.unlearn4j.method.classifier;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random labels: every forget sample gets a uniformly drawn different class (seeded), then L = CE(D_f, random
 * labels) + CE(D_r), with R retain batches per forget batch.
 */
public record RandomLabels(Args args) implements UnlearningMethod {
  /**
   * @param forgetBatch forget samples per step (default 16)
   * @param retainBatch retain samples per step (default 16)
   * @param retainPerForget steps per forget batch, each with the next retain batch (default 4)
   * @param train schedule; epochs are passes over the forget set (default 3 epochs, η 2e-5, weight decay 0.01)
   */
  public record Args(int forgetBatch, int retainBatch, int retainPerForget, TrainSpec train) {
    public Args {
      if (forgetBatch < 1 || retainBatch < 1 || retainPerForget < 1) {
        throw new ConfigException("keys 'method.args.forgetBatch', 'retainBatch' and 'retainPerForget' must be "
            + ">= 1");
      }
    }

    public static Args defaults() {
      TrainSpec t = TrainSpec.defaults();
      return new Args(16, 16, 4, new TrainSpec(3, 16, 2e-5, TrainSpec.Optimizer.ADAM, t.momentum(), 0.01,
          t.clipNorm(), 0));
    }
  }

  @Override
  public Objective objective() {
    return Objective.of(new Objective.Term("forget_ce_random_labels", 1.0, CrossEntropy.onForget()),
        Objective.Term.retainCe());
  }

  @Override
  public List<Example> forgetExamples(List<Example> forget, int numClasses, long seed) {
    Random rng = Seeds.random(seed, "random-labels");
    List<Example> out = new ArrayList<>();
    for (Example e : forget) {
      int other = rng.nextInt(numClasses - 1);
      int label = other >= e.label() ? other + 1 : other;          // uniform over the other classes
      out.add(new Example(e.id(), label, e.text(), e.features(), e.group(), e.tokens()));
    }
    return out;
  }

  @Override
  public BatchPlan plan(TrainSpec schedule) {
    return new BatchPlan(BatchPlan.Driver.FORGET, args.forgetBatch(), args.retainBatch(), 1,
        args.retainPerForget(), 0);
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return args.train();
  }
}
