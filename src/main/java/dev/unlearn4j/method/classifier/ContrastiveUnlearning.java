package dev.unlearn4j.method.classifier;

import dev.unlearn4j.loss.ContrastiveForget.EmptySet;
import dev.unlearn4j.loss.ContrastiveForget.Normalisation;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;

/**
 * Lee et al.'s contrastive unlearning (arXiv 2401.10458) as its code runs it (DeepCUT spec §4), the method DeepCUT
 * builds on: L = 3·L_UL + CE(retain) with Lee's normalisation of the loss, read through a projection head
 * D → D → 128, one view, each forget batch paired with 4 successive plain retain batches of the same size, SGD with
 * classical momentum and no clipping. The loss is DeepCUT's {@code lee} reading, so the two differ only in these
 * settings.
 */
public record ContrastiveUnlearning(Args args) implements UnlearningMethod {
  /**
   * @param gamma weight of L_UL (Lee's CT_ratio, 3.0)
   * @param tau temperature (0.7)
   * @param batch forget samples per step; the retain batch is truncated to the same size (16: Lee's example uses
   *     128, too many for a CPU-sized encoder step)
   * @param retainPerForget retain batches per forget batch (Lee's retain_sampling_freq, 4)
   * @param projection width of the projection head (128)
   * @param train schedule: 3 passes over the forget set, SGD η 1e-3 with classical momentum 0.9 (PyTorch's SGD, as
   *     Lee et al.'s code uses it), no weight decay, no gradient clipping
   */
  public record Args(double gamma, double tau, int batch, int retainPerForget, int projection, TrainSpec train) {
    public static Args defaults() {
      TrainSpec t = TrainSpec.defaults();
      return new Args(3.0, 0.7, 16, 4, 128,
          new TrainSpec(3, 16, 1e-3, TrainSpec.Optimizer.SGD, 0.9, 0.0, 0.0, 0, t.beta2()));
    }

    DeepCut.Args asDeepCut() {
      return new DeepCut.Args(gamma, tau, 1, Normalisation.LEE, EmptySet.SKIP, batch, batch, retainPerForget, 0,
          projection, Stop.EPOCHS, train);
    }
  }

  /** DeepCUT's method with Lee's settings, which this one is. */
  private DeepCut loss() {
    return new DeepCut(args.asDeepCut());
  }

  @Override
  public Objective objective() {
    return loss().objective();
  }

  @Override
  public BatchPlan plan(TrainSpec schedule) {
    return loss().plan(schedule);
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return loss().schedule(original);
  }
}
