package dev.unlearn4j.model;

import dev.unlearn4j.data.Dataset;

/** Creates a freshly initialised model sized for a dataset. */
@FunctionalInterface
public interface ModelFactory {
  /**
   * @param data the dataset (number of classes, feature width)
   * @param seed initialisation seed: the same seed gives the same weights
   */
  Model create(Dataset data, long seed);
}
