package dev.unlearn4j.model.causal;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.ExtraFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feeds {@link CrossEntropy#toPartner()} for paired batches: the k-th forget row's position t is labelled with
 * token t + 1 of the k-th retain row (its analogue), as Hugging Face computes a loss with {@code input_ids} = forget
 * and {@code labels} = analogue; only forget rows, and only positions that predict a token, count.
 */
public final class PartnerTargets implements ExtraFeed {
  private final int vocab;

  public PartnerTargets(int vocab) {
    this.vocab = vocab;
  }

  @Override
  public Map<String, INDArray> feed(Batch batch) {
    List<Example> rows = batch.examples();
    int t = rows.get(0).tokens().length;
    List<Integer> forget = new ArrayList<>();
    List<Integer> partner = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (batch.firstViewMask()[i] > 0) {
        (batch.forgetMask()[i] > 0 ? forget : partner).add(i);
      }
    }
    if (forget.size() != partner.size()) {
      throw new IllegalArgumentException("paired batch expected: " + forget.size() + " forget rows, "
          + partner.size() + " partners");
    }
    INDArray labels = Nd4j.zeros(DataType.FLOAT, (long) rows.size() * t, vocab);      // [N·T, V]
    float[] mask = new float[rows.size() * t];
    for (int k = 0; k < forget.size(); k++) {
      int[] target = rows.get(partner.get(k)).tokens();
      if (target.length != t) {
        throw new IllegalArgumentException("analogue " + rows.get(partner.get(k)).id() + " has " + target.length
            + " tokens, its forget passage " + t);
      }
      int i = forget.get(k);
      for (int j = 0; j + 1 < t; j++) {
        labels.putScalar((long) i * t + j, target[j + 1], 1f);
        mask[i * t + j] = 1f;
      }
    }
    return Map.of(CrossEntropy.PARTNER_LABELS, labels, CrossEntropy.PARTNER_MASK, Nd4j.createFromArray(mask));
  }
}
