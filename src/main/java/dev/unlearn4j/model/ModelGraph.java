package dev.unlearn4j.model;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.LossInputs;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier as a SameDiff graph with stable variable names. A graph is built for one training phase or one
 * evaluation and then dropped; the weights live in the {@link Model}.
 */
public interface ModelGraph {
  SameDiff sd();

  /** Names of the variables that training updates, in a fixed order. */
  List<String> trainableVariables();

  /** [B, C] class scores. */
  SDVariable logits();

  /** [B, D] the pooled representation the classification head reads (what DeepCUT reshapes). */
  SDVariable latent();

  /** D, the width of {@link #latent()}. */
  long latentSize();

  /** Placeholder arrays for the model's inputs (not labels or masks) for this batch. */
  Map<String, INDArray> feed(List<Example> batch);

  /**
   * Targets and row masks for the loss placeholders of {@link LossInputs}: one row per example
   * for classifiers (the default); language models override it with one row per predicted token.
   */
  default Map<String, INDArray> lossFeed(Batch batch, int numClasses) {
    return LossInputs.feed(batch, numClasses);
  }

  /** The loss terms' view of this graph: its logits and latent, plus target and mask placeholders. */
  default LossInputs lossInputs(int numClasses) {
    return LossInputs.create(sd(), logits(), latent(), numClasses);
  }

  /** Tables kept outside the graph and gathered into inputs (embeddings); empty for most models. */
  default List<GatheredTable> gatheredTables() {
    return List.of();
  }
}
