package dev.unlearn4j.model.causal;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.model.GatheredTable;
import dev.unlearn4j.model.ModelGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph of a {@link CausalLm}. In training every weight is a variable, the position table is gathered outside
 * the graph, and the token embedding is both gathered (input) and used in the graph (tied head) — one array, whose
 * two gradients the trainer adds; in evaluation the weights are constants. One loss row per token: the row of
 * position t predicts token t+1; the last position of each sequence predicts nothing and is masked out.
 */
final class CausalGraph implements ModelGraph {
  private final CausalLm model;
  private final SameDiff sd = SameDiff.create();
  private final List<String> trainable = new ArrayList<>();
  private final GatheredTable wte;
  private final GatheredTable wpe;
  private final SDVariable logits;

  CausalGraph(CausalLm model, boolean training) {
    this.model = model;
    Map<String, SDVariable> vars = new HashMap<>();
    for (Map.Entry<String, INDArray> e : model.weights().entrySet()) {
      if (e.getKey().equals(GptWeights.WPE)) {
        continue;
      }
      if (training) {
        // the model's own arrays: it is trained in place (a second copy is 0.5 GB at 125 M parameters)
        vars.put(e.getKey(), sd.var(e.getKey(), e.getValue()));
        trainable.add(e.getKey());
      } else {
        vars.put(e.getKey(), sd.constant(e.getKey(), e.getValue()));
      }
    }
    INDArray positions = model.weights().get(GptWeights.WPE);
    this.wpe = new GatheredTable(GptWeights.WPE, GptDecoder.POS_ROWS, positions, training);
    INDArray tokens = sd.getArrForVarName(GptWeights.WTE);          // the tied head's array, gathered as input
    this.wte = new GatheredTable(GptWeights.WTE, GptDecoder.TOK_ROWS, tokens, training);
    this.logits = GptDecoder.build(sd, model.config(), vars::get, tokens.dataType());
  }

  @Override
  public SameDiff sd() {
    return sd;
  }

  @Override
  public List<String> trainableVariables() {
    return trainable;
  }

  @Override
  public SDVariable logits() {
    return logits;
  }

  @Override
  public SDVariable latent() {
    return sd.getVariable("hidden");
  }

  @Override
  public long latentSize() {
    return model.config().hidden();
  }

  @Override
  public List<GatheredTable> gatheredTables() {
    return List.of(wte, wpe);
  }

  INDArray trainedValue(String name) {
    return name.equals(GptWeights.WPE) ? wpe.table() : sd.getArrForVarName(name);
  }

  @Override
  public Map<String, INDArray> feed(List<Example> batch) {
    return feedIds(batch.stream().map(Example::tokens).toArray(int[][]::new));
  }

  /** Gathered embeddings, attention biases and shapes for a batch of equal-length rows. */
  Map<String, INDArray> feedIds(int[][] ids) {
    int b = ids.length;
    int t = ids[0].length;
    int[] tok = new int[b * t];
    int[] pos = new int[b * t];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < t; j++) {
        tok[i * t + j] = ids[i][j];
        pos[i * t + j] = j;
      }
    }
    GptConfig c = model.config();
    DataType type = wte.table().dataType();
    Map<String, INDArray> f = new HashMap<>();
    f.put(GptDecoder.TOK_ROWS, wte.gather(tok));                    // remembers the rows for the gradient
    f.put(GptDecoder.POS_ROWS, wpe.gather(pos));
    f.put(GptDecoder.BIAS_GLOBAL, bias(b, t, Integer.MAX_VALUE, type));
    if (c.layerTypes().contains("local")) {
      f.put(GptDecoder.BIAS_LOCAL, bias(b, t, c.window(), type));
    }
    f.put(GptDecoder.SHAPE_BTHD, Nd4j.createFromArray((long) b, t, c.heads(), c.headSize()));
    f.put(GptDecoder.SHAPE_ND, Nd4j.createFromArray((long) b * t, c.hidden()));
    return f;
  }

  /** [B, 1, T, T]: 0 where 0 ≤ i − j &lt; window, −1e9 elsewhere. */
  static INDArray bias(int b, int t, int window, DataType type) {
    float[] m = new float[b * t * t];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < t; j++) {
          int d = i - j;
          m[(n * t + i) * t + j] = d >= 0 && d < window ? 0f : -1e9f;
        }
      }
    }
    return Nd4j.create(m, new long[] {b, 1, t, t}, 'c').castTo(type);
  }

  /** One-hot next tokens [N, V] and token-level forget / retain / first-view masks [N]. */
  @Override
  public Map<String, INDArray> lossFeed(Batch batch, int numClasses) {
    List<Example> rows = batch.examples();
    int t = rows.get(0).tokens().length;
    int n = rows.size() * t;
    float[] forgetEx = batch.forgetMask();
    float[] retainEx = batch.retainMask();
    float[] firstEx = batch.firstViewMask();
    INDArray labels = Nd4j.zeros(DataType.FLOAT, n, numClasses);
    float[] forget = new float[n];
    float[] retain = new float[n];
    float[] first = new float[n];
    for (int i = 0; i < rows.size(); i++) {
      int[] tokens = rows.get(i).tokens();
      for (int j = 0; j + 1 < t; j++) {
        int r = i * t + j;
        labels.putScalar(r, tokens[j + 1], 1f);
        forget[r] = forgetEx[i];
        retain[r] = retainEx[i];
        first[r] = firstEx[i];
      }
    }
    Map<String, INDArray> m = new HashMap<>();
    m.put(LossInputs.LABELS, labels);
    m.put(LossInputs.FORGET_MASK, Nd4j.createFromArray(forget));
    m.put(LossInputs.RETAIN_MASK, Nd4j.createFromArray(retain));
    m.put(LossInputs.FIRST_VIEW, Nd4j.createFromArray(first));
    return m;
  }
}
