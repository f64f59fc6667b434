package dev.unlearn4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The gathered table's rows and its scattered gradient, against plain Java loops. */
class GatheredTableTest {
  @Test
  void gradientAddsEveryGatheredRowsGradientIntoItsTableRowRepeatsIncluded() {
    int vocab = 50;
    int width = 6;
    Random rng = new Random(3);
    INDArray table = Nd4j.rand(DataType.FLOAT, vocab, width);
    GatheredTable t = new GatheredTable("w", "rows", table, true);
    int[] rows = new int[400];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i % 7 == 0 ? 4 : rng.nextInt(vocab);          // row 4 many times: repeats must add up
    }
    INDArray gathered = t.gather(rows);
    for (int i = 0; i < rows.length; i++) {
      assertThat(gathered.getRow(i)).isEqualTo(table.getRow(rows[i]));
    }
    float[][] up = new float[rows.length][width];
    double[][] expected = new double[vocab][width];
    for (int i = 0; i < rows.length; i++) {
      for (int d = 0; d < width; d++) {
        up[i][d] = (float) rng.nextGaussian();
        expected[rows[i]][d] += up[i][d];
      }
    }
    for (int round = 0; round < 2; round++) {                     // the buffer is reused: no carry-over
      INDArray g = t.gradient(Nd4j.createFromArray(up));
      assertThat(g.shape()).containsExactly(vocab, width);
      for (int v = 0; v < vocab; v++) {
        for (int d = 0; d < width; d++) {
          assertThat(g.getDouble(v, d)).as("row %d col %d", v, d).isCloseTo(expected[v][d],
              org.assertj.core.api.Assertions.within(1e-4));
        }
      }
    }
  }
}
