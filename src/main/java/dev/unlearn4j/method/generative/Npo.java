package dev.unlearn4j.method.generative;

import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.NegativePreference;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.model.causal.ReferenceSequenceLogProbs;
import dev.unlearn4j.train.TrainSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * NPO, negative preference optimisation (Zhang et al. 2024): the forget passages' likelihood is pushed below the
 * original model's through (2/β)·softplus(β·log(π_θ/π_ref)), optionally with cross-entropy on the analogues
 * (retainWeight > 0: NPO+RT); paired batches, no refinement, stopped by the MA/EL thresholds.
 */
public record Npo(Args args) implements SequenceMethod {
  /**
   * @param beta β (0.1)
   * @param retainWeight weight of CE on the analogues (0: plain NPO)
   * @param train as ICU: epoch cap 100, batch 8, η 5e-6, adam (0.9, 0.98)
   */
  public record Args(double beta, double retainWeight, TrainSpec train) {
    public static Args defaults() {
      return new Args(0.1, 0.0, Icu.Args.defaults().train());
    }
  }

  @Override
  public Objective objective() {
    List<Objective.Term> terms = new ArrayList<>();
    terms.add(new Objective.Term("npo", 1.0, NegativePreference.term(args.beta())));
    if (args.retainWeight() != 0) {
      terms.add(new Objective.Term("learn", args.retainWeight(), CrossEntropy.onRetain()));
    }
    return new Objective(terms, List.of());
  }

  @Override
  public Objective objective(Model original) {
    return objective().withFeed(new ReferenceSequenceLogProbs((CausalLm) original));
  }

  @Override
  public TrainSpec schedule(TrainSpec original) {
    return args.train();
  }
}
