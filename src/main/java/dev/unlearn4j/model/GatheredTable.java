package dev.unlearn4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable lookup table (an embedding matrix) kept outside the SameDiff graph. Each step its rows are gathered
 * in ND4J and fed to the graph as an input; the gradient of that input is scattered back into a gradient for the
 * table. This replaces M2.1's {@code gather}, whose backward pass runs one op per index.
 */
public final class GatheredTable {
  private final String name;
  private final String input;
  private final INDArray table;
  private final boolean trainable;
  private INDArray grad;
  private int[] lastRows;

  /**
   * @param name the weight's name (e.g. embeddings.word_embeddings.weight)
   * @param input the placeholder its gathered rows are fed to
   * @param table [V, D], used in place: training updates it
   */
  public GatheredTable(String name, String input, INDArray table, boolean trainable) {
    this.name = name;
    this.input = input;
    this.table = table;
    this.trainable = trainable;
  }

  public String name() {
    return name;
  }

  public String input() {
    return input;
  }

  public INDArray table() {
    return table;
  }

  public boolean trainable() {
    return trainable;
  }

  /** rows[i] of the table, stacked: [rows.length, D]. Remembers the rows for {@link #gradient}. */
  public INDArray gather(int[] rows) {
    lastRows = rows.clone();
    return Nd4j.pullRows(table, 1, rows);
  }

  /**
   * The table's gradient for the last gather: row r accumulates every row of {@code inputGrad} gathered from r.
   *
   * @param inputGrad [rows.length, D]
   * @return [V, D], reused between calls (the caller may overwrite it)
   */
  public INDArray gradient(INDArray inputGrad) {
    if (grad == null) {
      grad = Nd4j.zeros(table.dataType(), table.shape());
    } else {
      grad.assign(0);
    }
    // one native scatter-add; "lock" (the boolean argument) runs it on one thread, so repeated rows add up
    // instead of racing. Row by row from Java this took one native call per token (26 ms for 512 tokens).
    Nd4j.exec(DynamicCustomOp.builder("scatter_add")
        .addInputs(grad, Nd4j.createFromArray(lastRows), inputGrad)    // [V, D], [N], [N, D]
        .addOutputs(grad)
        .addBooleanArguments(true)
        .build());
    return grad;
  }
}
