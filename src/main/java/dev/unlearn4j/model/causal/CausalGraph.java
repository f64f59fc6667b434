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
 * A training graph of a {@link CausalLm}: every weight a variable, the position table gathered outside the graph,
 * and the token embedding both gathered (input) and used in the graph (tied head) — one array, whose two gradients
 * the trainer adds. One loss row per token: the row of position t predicts token t+1; the last position of each
 * sequence predicts nothing and is masked out.
 */
final class CausalGraph implements ModelGraph {
  private final CausalLm model;
  private final SameDiff sd = SameDiff.create();
  private final List<String> trainable = new ArrayList<>();
  private final List<GatheredTable> tables = new ArrayList<>();
  private final SDVariable logits;

  CausalGraph(CausalLm model, boolean training) {
    this.model = model;
    Map<String, SDVariable> vars = new HashMap<>();
    for (Map.Entry<String, INDArray> e : model.weights().entrySet()) {
      if (e.getKey().equals(GptWeights.WPE)) {
        tables.add(new GatheredTable(GptWeights.WPE, GptDecoder.POS_ROWS, training ? e.getValue().dup()
            : e.getValue(), training));
        continue;
      }
      vars.put(e.getKey(), sd.var(e.getKey(), e.getValue().dup()));
      trainable.add(e.getKey());
    }
    INDArray wte = sd.getArrForVarName(GptWeights.WTE);
    tables.add(0, new GatheredTable(GptWeights.WTE, GptDecoder.TOK_ROWS, wte, training));
    this.logits = GptDecoder.build(sd, model.config(), vars::get, wte.dataType());
    if (!training) {
      trainable.clear();
    }
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
  public List<GatheredTable> gatheredTables() {
    return tables;
  }

  INDArray trainedValue(String name) {
    if (name.equals(GptWeights.WPE)) {
      return tables.get(1).table();
    }
    return sd.getArrForVarName(name);
  }

  @Override
  public Map<String, INDArray> feed(List<Example> batch) {
    int[][] ids = batch.stream().map(Example::tokens).toArray(int[][]::new);
    Map<String, INDArray> f = model.feed(ids);
    int t = ids[0].length;
    int[] tok = new int[ids.length * t];
    int[] pos = new int[ids.length * t];
    for (int i = 0; i < ids.length; i++) {
      for (int j = 0; j < t; j++) {
        tok[i * t + j] = ids[i][j];
        pos[i * t + j] = j;
      }
    }
    f.put(GptDecoder.TOK_ROWS, tables.get(0).gather(tok));                    // remembers rows for gradients
    f.put(GptDecoder.POS_ROWS, tables.get(1).gather(pos));
    return f;
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
