package dev.unlearn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UpdatersTest {
  private static TrainSpec sgd(String optimizer) {
    return new TrainSpec(1, 1, 0.1, TrainSpec.Optimizer.valueOf(optimizer), 0.9, 0.0, 0.0, 0);
  }

  private static double[] twoSteps(TrainSpec spec, Map<String, INDArray> states) {
    Map<String, INDArray> params = new HashMap<>();
    params.put("w", Nd4j.createFromArray(1.0, 2.0).castTo(DataType.DOUBLE));
    Updaters u = new Updaters(params, spec);
    u.apply(new HashMap<>(Map.of("w", Nd4j.createFromArray(1.0, -1.0))), 0, 0);
    u.apply(new HashMap<>(Map.of("w", Nd4j.createFromArray(0.5, 0.5))), 1, 0);
    states.putAll(u.states());
    return params.get("w").toDoubleVector();
  }

  @Test
  void sgdUsesClassicalMomentumAsPyTorchDoes() {
    Map<String, INDArray> states = new HashMap<>();
    double[] w = twoSteps(sgd("SGD"), states);
    // v1 = g1 = (1, -1); w1 = w0 - 0.1 v1 = (0.9, 2.1); v2 = 0.9 v1 + g2 = (1.4, -0.4); w2 = (0.76, 2.14)
    assertThat(w[0]).isCloseTo(0.76, within(1e-12));
    assertThat(w[1]).isCloseTo(2.14, within(1e-12));
    assertThat(states.get("w").toDoubleVector()).containsExactly(1.4, -0.4);   // the velocity checkpoints save
  }

  @Test
  void nesterovFollowsAnotherPath() {
    double[] w = twoSteps(sgd("NESTEROV"), new HashMap<>());
    assertThat(w[0]).isNotCloseTo(0.76, within(1e-3));
  }
}
