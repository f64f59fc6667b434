package dev.unlearn4j.model;

import dev.unlearn4j.model.io.Safetensors;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A classifier's architecture and current weights. Training happens on a {@link ModelGraph} built from it. */
public interface Model {
  int numClasses();

  /** A fresh evaluation graph (no dropout) whose variables are copies of the current weights. */
  default ModelGraph graph() {
    return graph(false, 0L);
  }

  /**
   * A fresh graph whose variables are copies of the current weights.
   *
   * @param training true for a training graph (dropout active where the model has any)
   * @param seed seeds the graph's dropout masks
   */
  ModelGraph graph(boolean training, long seed);

  /** Copies the trained weights of {@code graph} (built by {@link #graph()}) back into this model. */
  void load(ModelGraph graph);

  /** An independent copy: training the copy leaves this model unchanged. */
  Model copy();

  /** The weights by name, in a fixed order. */
  Map<String, INDArray> weights();

  /**
   * Writes the model into a new directory; by default its weights as {@code model.safetensors} (F32). Model
   * families with a richer checkpoint format (encoders: config and tokenizer too) override this.
   */
  default void save(Path dir) {
    Safetensors.write(dir.resolve("model.safetensors"), weights(), null);
  }
}
