package dev.unlearn4j.catalog;

import dev.unlearn4j.config.Registry;
import dev.unlearn4j.model.ModelFactory;
import dev.unlearn4j.model.encoder.BertClassifier;
import dev.unlearn4j.model.encoder.EncoderArgs;
import dev.unlearn4j.model.mlp.Mlp;

/** Every model family unlearn4j knows, by name. */
public final class Models {
  private Models() {}

  public static final Registry<ModelFactory> REGISTRY = new Registry<ModelFactory>("model")
      .add("mlp", "one-hidden-layer perceptron on numeric features (smoke runs and tests)",
          Mlp.Args.class, Mlp.Args::defaults, Mlp::factory)
      .add("bert", "BERT-family encoder (ONNX export, embedded MiniLM/BGE, or checkpoint) + classification head",
          EncoderArgs.class, EncoderArgs::defaults, BertClassifier::factory);
}
