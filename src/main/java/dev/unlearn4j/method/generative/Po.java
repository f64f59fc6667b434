package dev.unlearn4j.method.generative;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.PartnerTargets;
import dev.unlearn4j.train.TrainSpec;

/**
 * PO, preference optimisation without ascent as ICU's code runs it: each forget passage is trained toward its
 * analogue's tokens (forget prompt, analogue as labels) while the analogues keep their own cross-entropy,
 * L = mw·CE(forget → analogue) + lw·CE(analogue), in ICU's paired batches; refinement and stop rule as ICU's.
 */
public record Po(Args args) implements IcuLoop {
  /**
   * @param mismatchWeight mw (1.0)
   * @param learnWeight lw (0.5)
   * @param refine ICU's per-passage refinement between epochs (true: the code trains in ICU's loop)
   * @param refinement its thresholds
   * @param train as ICU: epoch cap 100, batch 8, η 5e-6, adam (0.9, 0.98)
   */
  public record Args(double mismatchWeight, double learnWeight, boolean refine, Refinement.Thresholds refinement,
      TrainSpec train) implements IcuLoop.Settings {
    public static Args defaults() {
      return new Args(1.0, 0.5, true, Refinement.Thresholds.defaults(), Icu.Args.defaults().train());
    }
  }

  @Override
  public Objective objective() {
    return Objective.of(new Objective.Term("mismatch", args.mismatchWeight(), CrossEntropy.toPartner()),
        new Objective.Term("learn", args.learnWeight(), CrossEntropy.onRetain()));
  }

  @Override
  public Objective objective(Model original) {
    return objective().withFeed(new PartnerTargets(((CausalLm) original).config().vocabSize()));
  }
}
