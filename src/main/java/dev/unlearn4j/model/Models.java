package dev.unlearn4j.model;

import dev.unlearn4j.config.Registry;
import dev.unlearn4j.model.mlp.Mlp;

/** Every model family unlearn4j knows, by name. */
public final class Models {
  private Models() {}

  public static final Registry<ModelFactory> REGISTRY = new Registry<ModelFactory>("model")
      .add("mlp", "one-hidden-layer perceptron on numeric features (smoke runs and tests)",
          Mlp.Args.class, Mlp.Args::defaults, Mlp::factory);
}
