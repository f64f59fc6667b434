package dev.unlearn4j.loss;

import dev.unlearn4j.data.Batch;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Values for placeholders that a loss term adds beyond {@link LossInputs}, computed per batch (a frozen reference
 * model's logits for a KL term, for example).
 */
@FunctionalInterface
public interface ExtraFeed {
  Map<String, INDArray> feed(Batch batch);
}
