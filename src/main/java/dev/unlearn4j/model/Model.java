package dev.unlearn4j.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A classifier's architecture and current weights. Training happens on a {@link ModelGraph} built from it. */
public interface Model {
  int numClasses();

  /** A fresh graph whose variables are copies of the current weights. */
  ModelGraph graph();

  /** Copies the trained weights of {@code graph} (built by {@link #graph()}) back into this model. */
  void load(ModelGraph graph);

  /** An independent copy: training the copy leaves this model unchanged. */
  Model copy();

  /** The weights by name, in a fixed order. */
  Map<String, INDArray> weights();
}
