package dev.unlearn4j.model.causal;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.ExtraFeed;
import dev.unlearn4j.loss.NegativePreference;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feeds {@link NegativePreference}: the frozen original model's summed log-probability of every forget row of a
 * batch (0 for the others), and the batch's (B, T).
 */
public final class ReferenceSequenceLogProbs implements ExtraFeed {
  private final CausalLm reference;

  public ReferenceSequenceLogProbs(CausalLm reference) {
    this.reference = reference;
  }

  @Override
  public Map<String, INDArray> feed(Batch batch) {
    List<Example> rows = batch.examples();
    float[] forget = batch.forgetMask();
    double[] seq = new double[rows.size()];
    int[] forgetRows = IntStream.range(0, rows.size()).filter(b -> forget[b] > 0).toArray();
    if (forgetRows.length > 0) {
      int[][] ids = Arrays.stream(forgetRows).mapToObj(b -> rows.get(b).tokens()).toArray(int[][]::new);
      double[][] lp = reference.score(ids).logProbs();                                 // [forget rows][T−1]
      for (int k = 0; k < forgetRows.length; k++) {
        for (double v : lp[k]) {
          seq[forgetRows[k]] += v;
        }
      }
    }
    int t = rows.get(0).tokens().length;
    return Map.of(NegativePreference.REFERENCE_SEQ_LOGP,
        Nd4j.createFromArray(seq).castTo(reference.weights().get(GptWeights.WTE).dataType()),
        NegativePreference.SHAPE_BT, Nd4j.createFromArray((long) rows.size(), t));
  }
}
