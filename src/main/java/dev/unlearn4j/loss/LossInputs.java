package dev.unlearn4j.loss;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.nn.Primitives;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What loss terms may read: the model's outputs and the batch's targets and row masks (forget rows first, then
 * retain rows; see {@link Batch}).
 *
 * @param logits [B, C]
 * @param latent [B, D]
 * @param labels [B, C] one-hot
 * @param forgetMask [B] 1 for forget rows
 * @param retainMask [B] 1 for retain rows
 * @param firstView [B] 1 for the rows of the first view (all rows when a batch has one view)
 */
public record LossInputs(
    SameDiff sd, SDVariable logits, SDVariable latent, SDVariable labels, SDVariable forgetMask,
    SDVariable retainMask, SDVariable firstView) {

  public static final String LABELS = "labels";
  public static final String FORGET_MASK = "forget_mask";
  public static final String RETAIN_MASK = "retain_mask";
  public static final String FIRST_VIEW = "first_view_mask";

  /**
   * [B, C] log-softmax of the logits, built once per graph and shared by every term that reads it: at a
   * 50,257-token vocabulary each separate log-softmax costs several [B, C] arrays in the forward and backward pass.
   */
  public SDVariable logProbs() {
    String name = logits.name() + "_log_probs";
    return sd.hasVariable(name) ? sd.getVariable(name) : Primitives.logSoftmax(sd, logits, 1).rename(name);
  }

  /** Per-row negative log-likelihood [B] of one-hot targets [B, C], from the shared {@link #logProbs()}. */
  public SDVariable nll(SDVariable oneHot) {
    return logProbs().mul(oneHot).sum(1).neg();
  }

  /** Adds the target and mask placeholders to the model's graph. */
  public static LossInputs create(SameDiff sd, SDVariable logits, SDVariable latent, int numClasses) {
    DataType t = logits.dataType();
    return new LossInputs(sd, logits, latent,
        sd.placeHolder(LABELS, t, -1, numClasses),
        sd.placeHolder(FORGET_MASK, t, -1),
        sd.placeHolder(RETAIN_MASK, t, -1),
        sd.placeHolder(FIRST_VIEW, t, -1));
  }

  /** Placeholder arrays for the targets and masks of {@code batch}. */
  public static Map<String, INDArray> feed(Batch batch, int numClasses) {
    Map<String, INDArray> m = new HashMap<>();
    m.put(LABELS, oneHot(batch.examples(), numClasses));
    m.put(FORGET_MASK, Nd4j.createFromArray(batch.forgetMask()));
    m.put(RETAIN_MASK, Nd4j.createFromArray(batch.retainMask()));
    m.put(FIRST_VIEW, Nd4j.createFromArray(batch.firstViewMask()));
    return m;
  }

  public static INDArray oneHot(List<Example> examples, int numClasses) {
    float[][] y = new float[examples.size()][numClasses];
    for (int i = 0; i < y.length; i++) {
      y[i][examples.get(i).label()] = 1f;
    }
    return Nd4j.create(y);
  }
}
