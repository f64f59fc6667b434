package dev.unlearn4j.catalog;

import dev.unlearn4j.config.ComponentSpec;
import dev.unlearn4j.config.Registry;
import dev.unlearn4j.method.UnlearningMethod;
import dev.unlearn4j.method.classifier.ContrastiveUnlearning;
import dev.unlearn4j.method.classifier.DeepCut;
import dev.unlearn4j.method.classifier.GradientAscent;
import dev.unlearn4j.method.classifier.NaiveFinetune;
import dev.unlearn4j.method.classifier.RandomLabels;
import dev.unlearn4j.method.classifier.Retrain;
import dev.unlearn4j.method.classifier.Sisa;
import dev.unlearn4j.method.generative.GradDiff;
import dev.unlearn4j.method.generative.Icu;
import dev.unlearn4j.method.generative.Kumpr;
import dev.unlearn4j.method.generative.Llmu;
import dev.unlearn4j.method.generative.Npo;
import dev.unlearn4j.method.generative.Po;
import dev.unlearn4j.method.generative.SequenceMethod;

/** Every unlearning method unlearn4j knows, by name. */
public final class Methods {
  private Methods() {}

  public static final Registry<UnlearningMethod> REGISTRY = new Registry<UnlearningMethod>("method")
      .add("retrain", "exact unlearning: train from scratch on the retain split (the oracle)",
          Retrain.Args.class, Retrain.Args::defaults, Retrain::new)
      .add("finetune", "naive unlearning: keep fine-tuning the original model on the retain split",
          NaiveFinetune.Args.class, NaiveFinetune.Args::defaults, NaiveFinetune::new)
      .add("gradient-ascent", "maximise the cross-entropy of the forget split",
          GradientAscent.Args.class, GradientAscent.Args::defaults, GradientAscent::new)
      .add("random-labels", "fine-tune on the forget split relabelled with random other classes, plus retain CE",
          RandomLabels.Args.class, RandomLabels.Args::defaults, RandomLabels::new)
      .add("deepcut", "DeepCUT: contrastive forgetting in the latent space + retain cross-entropy (L_CE + γ·L_f)",
          DeepCut.Args.class, DeepCut.Args::defaults, DeepCut::new)
      .add("contrastive-unlearning", "Lee et al.'s contrastive unlearning as coded: Lee's loss through a projection "
          + "head, one view, SGD (the method DeepCUT builds on)", ContrastiveUnlearning.Args.class,
          ContrastiveUnlearning.Args::defaults, ContrastiveUnlearning::new)
      .add("sisa", "SISA: sharded, sliced training of an ensemble; exact unlearning by retraining the affected "
          + "shards from the checkpoint before their first affected slice", Sisa.Args.class, Sisa.Args::defaults,
          Sisa::new)
      .add("icu", "ICU: gradient ascent on forget passages + CE and KL-to-original on their analogues, "
          + "with per-passage refinement (sequence experiments)", Icu.Args.class, Icu.Args::defaults, Icu::new)
      .add("kumpr", "KUMPR: full-batch gradient ascent on the forget passages, stopped by MA/EL thresholds "
          + "(sequence experiments)", Kumpr.Args.class, Kumpr.Args::defaults, Kumpr::new)
      .add("graddiff", "gradient difference: ascent on forget passages, descent on their analogues "
          + "(sequence experiments)", GradDiff.Args.class, GradDiff.Args::defaults, GradDiff::new)
      .add("npo", "NPO: negative preference optimisation on the forget passages against the original model, "
          + "optional CE on analogues (sequence experiments)", Npo.Args.class, Npo.Args::defaults, Npo::new)
      .add("llmu", "LLMU: gradient ascent on forget passages + CE of each forget passage against its analogue's "
          + "tokens + KL-to-original on analogues, ICU's refinement (sequence experiments)", Llmu.Args.class,
          Llmu.Args::defaults, Llmu::new)
      .add("po", "PO: each forget passage trained toward its analogue's tokens + CE on analogues, no ascent, "
          + "ICU's refinement (sequence experiments)", Po.Args.class, Po.Args::defaults, Po::new);

  /** True for methods that unlearn sequences of a causal language model (they need a sequence experiment). */
  public static boolean forSequences(String name) {
    return REGISTRY.resolve(new ComponentSpec(name, null), "method").component()
        instanceof SequenceMethod;
  }
}
