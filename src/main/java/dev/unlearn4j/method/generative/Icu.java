package dev.unlearn4j.method.generative;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.KlToReference;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.ReferenceLogits;
import dev.unlearn4j.train.TrainSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * ICU, Iterative Contrastive Unlearning (Tang et al. 2024, code himalalps/ICU): gradient ascent on the forget
 * passages (knowledge unlearning induction), cross-entropy plus an anchor to the frozen original model on each
 * passage's nearest-neighbour analogue (contrastive learning enhancement),
 * L = −uw·CE(forget) + lw·CE(analogue) + kl·H(p_θ₀, p_θ)(analogue), and per-passage refinement between epochs
 * (a forgotten passage leaves training with its analogue, see {@link Refinement}). A weight of 0 removes its term,
 * which gives the ablations and the KL baseline (lw = 0).
 */
public record Icu(Args args) implements IcuLoop {
  /**
   * @param unlearnWeight uw (1.0)
   * @param learnWeight lw, α in the paper (0.5)
   * @param klWeight kl, β in the paper (1.0)
   * @param klAllPositions the anchor averages over every position, pads and last included, as the code does (true)
   * @param refine per-passage refinement between epochs (true; false is the "w/o refinement" ablation)
   * @param refinement the refinement's thresholds
   * @param train epochs = the epoch cap (100), batch 8, η 5e-6, adam (0.9, 0.98), no clipping
   */
  public record Args(double unlearnWeight, double learnWeight, double klWeight, boolean klAllPositions,
      boolean refine, Refinement.Thresholds refinement, TrainSpec train) implements IcuLoop.Settings {
    public static Args defaults() {
      return new Args(1.0, 0.5, 1.0, true, true, Refinement.Thresholds.defaults(),
          new TrainSpec(100, 8, 5e-6, TrainSpec.Optimizer.ADAM, 0.9, 0.0, 0.0, 0, 0.98));
    }
  }

  /** The loss terms; the KL anchor's reference logits come from {@link #objective(Model)}. */
  @Override
  public Objective objective() {
    List<Objective.Term> terms = new ArrayList<>();
    if (args.unlearnWeight() != 0) {
      terms.add(new Objective.Term("unlearn", args.unlearnWeight(), CrossEntropy.negatedOnForget()));
    }
    if (args.learnWeight() != 0) {
      terms.add(new Objective.Term("learn", args.learnWeight(), CrossEntropy.onRetain()));
    }
    if (args.klWeight() != 0) {
      terms.add(new Objective.Term("kl", args.klWeight(), KlToReference.icu()));
    }
    return new Objective(terms, List.of());
  }

  @Override
  public Objective objective(Model original) {
    Objective o = objective();
    return args.klWeight() == 0 ? o : o.withFeed(new ReferenceLogits((CausalLm) original, args.klAllPositions()));
  }
}
