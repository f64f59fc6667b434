package dev.unlearn4j.method;

import dev.unlearn4j.config.Registry;
import dev.unlearn4j.method.classifier.DeepCut;
import dev.unlearn4j.method.classifier.GradientAscent;
import dev.unlearn4j.method.classifier.NaiveFinetune;
import dev.unlearn4j.method.classifier.RandomLabels;
import dev.unlearn4j.method.classifier.Retrain;

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
          DeepCut.Args.class, DeepCut.Args::defaults, DeepCut::new);
}
