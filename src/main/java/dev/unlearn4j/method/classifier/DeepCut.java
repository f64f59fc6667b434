package dev.unlearn4j.method.classifier;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.loss.ContrastiveForget;
import dev.unlearn4j.loss.ContrastiveForget.EmptySet;
import dev.unlearn4j.loss.ContrastiveForget.Normalisation;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/**
 * DeepCUT (He et al., arXiv 2503.14900; re-implementation, see the DeepCUT spec): L = L_CE + γ·L_f. Forget samples
 * are pushed away from same-class retain samples and pulled toward other-class ones in the latent space the head
 * reads (pooled encoder output), over V dropout views; cross-entropy on the retain batch keeps utility. Lee et al.'s
 * method is this loss with Lee's settings ({@link ContrastiveUnlearning}).
 */
public record DeepCut(Args args) implements UnlearningMethod {
  /**
   * @param gamma weight γ of L_f (default 0.5: in the sensitivity sweep, results/deepcut-sweep, γ 0.5, 1 and 3
   *     forgot a mislabelled forget set alike, and γ 0.5 cost the least test macro-F1 when the forget set was
   *     random; Lee et al.'s CT/CE ratio is 3)
   * @param tau temperature τ of the similarities (default 0.7, Lee et al.)
   * @param views dropout views V per sample (default 2, SimCSE-style)
   * @param normalisation {@code textbook} (default), {@code lee} or {@code all-denominator}
   * @param emptySet anchors without same-class contrast: {@code skip} (default) or {@code add-one}
   * @param forgetBatch forget samples per step B_f (default 16)
   * @param retainBatch retain samples per step B_r (default 16)
   * @param retainPerForget steps per forget batch R, each with the next retain batch (default 4)
   * @param minSameClass stratified contrast: at least this many same-class retain samples per anchor class (default
   *     2; 0 takes the plain next retain batch as Lee et al. do)
   * @param projection width of a trainable projection head D → D → width that L_f reads instead of the latent
   *     (dropped after training); 0 (default) reads the latent directly, as DeepCUT optimises it
   * @param stop {@code epochs} (default: all of them), {@code forget-f1-at-test} or {@code forget-f1-at-oracle}
   *     (checked after every epoch, the epochs are the cap; see {@link UnlearningMethod.Stop})
   * @param train schedule: epochs are passes over the forget set (default 3 epochs, AdamW η 2e-5, weight decay 0.01)
   */
  public record Args(double gamma, double tau, int views, Normalisation normalisation, EmptySet emptySet,
      int forgetBatch, int retainBatch, int retainPerForget, int minSameClass, int projection, Stop stop,
      TrainSpec train) {
    public Args {
      if (tau <= 0) {
        throw new ConfigException("key 'method.args.tau' must be > 0, got " + tau);
      }
      if (stop == null) {
        throw new ConfigException("key 'method.args.stop' must be one of [epochs, forget-f1-at-test, "
            + "forget-f1-at-oracle]");
      }
      if (gamma < 0) {
        throw new ConfigException("key 'method.args.gamma' must be >= 0, got " + gamma);
      }
      if (views < 1 || forgetBatch < 1 || retainBatch < 1 || retainPerForget < 1 || minSameClass < 0
          || projection < 0) {
        throw new ConfigException("keys 'method.args.views', 'forgetBatch', 'retainBatch' and 'retainPerForget' "
            + "must be >= 1, 'minSameClass' and 'projection' >= 0");
      }
    }

    public static Args defaults() {
      TrainSpec t = TrainSpec.defaults();
      return new Args(0.5, 0.7, 2, Normalisation.TEXTBOOK, EmptySet.SKIP, 16, 16, 4, 2, 0, Stop.EPOCHS,
          new TrainSpec(3, 16, 2e-5, TrainSpec.Optimizer.ADAM, t.momentum(), 0.01, t.clipNorm(), 0));
    }
  }

  @Override
  public Objective objective() {
    return Objective.of(
        Objective.Term.retainCe(),
        new Objective.Term("forget_contrastive", args.gamma(),
            ContrastiveForget.of(args.tau(), args.normalisation(), args.emptySet())))
        .withProjection(args.projection());
  }

  @Override
  public Stop stop() {
    return args.stop();
  }

  @Override
  public BatchPlan plan(TrainSpec schedule) {
    return new BatchPlan(BatchPlan.Driver.FORGET, args.forgetBatch(), args.retainBatch(), args.views(),
        args.retainPerForget(), args.minSameClass());
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return args.train();
  }
}
