package dev.unlearn4j.model.causal;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.ExtraFeed;
import dev.unlearn4j.loss.KlToReference;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Feeds {@link KlToReference#icu()}: the frozen original model's logits on the retain (analogous) rows of a batch,
 * token by token in the layout of {@link CausalGraph} (row i·T + t), and the mask of the positions the anchor
 * averages over — every position of those rows as ICU's code does, or only positions that predict a token. The
 * original model's probabilities are recomputed per batch rather than cached (128 × 200 × V floats would not fit).
 */
public final class ReferenceLogits implements ExtraFeed {
  private final CausalLm reference;
  private final boolean allPositions;

  /**
   * @param reference the frozen original model (never trained)
   * @param allPositions true: every position, including each row's last (ICU); false: positions with a label
   */
  public ReferenceLogits(CausalLm reference, boolean allPositions) {
    this.reference = reference;
    this.allPositions = allPositions;
  }

  @Override
  public Map<String, INDArray> feed(Batch batch) {
    List<Example> rows = batch.examples();
    int t = rows.get(0).tokens().length;
    int v = reference.config().vocabSize();
    float[] retain = batch.retainMask();
    float[] first = batch.firstViewMask();
    INDArray logits = Nd4j.zeros(reference.weights().get(GptWeights.WTE).dataType(), (long) rows.size() * t, v);
    float[] mask = new float[rows.size() * t];
    int[] chosen = new int[rows.size()];
    int n = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (retain[i] * first[i] > 0) {
        chosen[n++] = i;
      }
    }
    if (n > 0) {
      int[][] ids = new int[n][];
      for (int k = 0; k < n; k++) {
        ids[k] = rows.get(chosen[k]).tokens();
      }
      INDArray ref = reference.logits(ids);                                             // [n, T, V]
      for (int k = 0; k < n; k++) {
        int i = chosen[k];
        logits.get(NDArrayIndex.interval((long) i * t, (long) (i + 1) * t),
            NDArrayIndex.all()).assign(ref.slice(k));
        for (int j = 0; j < t; j++) {
          mask[i * t + j] = allPositions || j + 1 < t ? 1f : 0f;
        }
      }
    }
    return Map.of(KlToReference.REFERENCE_LOGITS, logits, KlToReference.KL_MASK, Nd4j.createFromArray(mask));
  }
}
