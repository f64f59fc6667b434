package dev.unlearn4j.method.generative;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.KlToReference;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.PartnerTargets;
import dev.unlearn4j.model.causal.ReferenceLogits;
import dev.unlearn4j.train.TrainSpec;

/**
 * LLMU (Yao et al. 2023) as ICU's code runs it: gradient ascent on the forget passages, cross-entropy of each forget
 * passage against its analogue's tokens (the "random mismatch" term: forget prompt, other text as labels) and the
 * anchor to the original model on the analogues,
 * L = −uw·CE(forget) + mw·CE(forget → analogue) + kl·H(p_θ₀, p_θ), in ICU's paired batches with ICU's refinement
 * and stop rule.
 */
public record Llmu(Args args) implements IcuLoop {
  /**
   * @param unlearnWeight uw (1.0)
   * @param mismatchWeight mw (0.5)
   * @param klWeight kl (1.0)
   * @param refine ICU's per-passage refinement between epochs (true, as in the code)
   * @param refinement its thresholds
   * @param train as ICU: epoch cap 100, batch 8, η 5e-6, adam (0.9, 0.98)
   */
  public record Args(double unlearnWeight, double mismatchWeight, double klWeight, boolean refine,
      Refinement.Thresholds refinement, TrainSpec train) implements IcuLoop.Settings {
    public static Args defaults() {
      return new Args(1.0, 0.5, 1.0, true, Refinement.Thresholds.defaults(), Icu.Args.defaults().train());
    }
  }

  @Override
  public Objective objective() {
    return Objective.of(new Objective.Term("unlearn", args.unlearnWeight(), CrossEntropy.negatedOnForget()),
        new Objective.Term("mismatch", args.mismatchWeight(), CrossEntropy.toPartner()),
        new Objective.Term("kl", args.klWeight(), KlToReference.icu()));
  }

  @Override
  public Objective objective(Model original) {
    CausalLm lm = (CausalLm) original;
    return objective().withFeed(new ReferenceLogits(lm, true)).withFeed(new PartnerTargets(lm.config().vocabSize()));
  }
}
