package dev.unlearn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff M2.1 traps the project works around. The reproducers fail if a Deeplearning4j upgrade fixes a trap
 * (then the workaround can go); the source scan fails if main code starts using a trapped op again.
 */
class PlatformTrapsTest {
  private static final double[][] LOGITS = {{2.0, -1.0, 0.5, 0.3}, {0.1, 0.2, 0.3, -0.7}};
  private static final int[] LABELS = {0, 2};

  @Test
  void sparseSoftmaxCrossEntropyOfM21DisagreesWithThePrimitiveVersion() {
    SameDiff sd = SameDiff.create();
    SDVariable z = sd.var("z", Nd4j.createFromArray(LOGITS));
    SDVariable y = sd.constant(Nd4j.createFromArray(LABELS));
    SDVariable builtIn = sd.loss.sparseSoftmaxCrossEntropy("builtin", z, y);
    double[][] oneHot = {{1, 0, 0, 0}, {0, 0, 1, 0}};
    SDVariable ours = Primitives.nll(sd, z, sd.constant(Nd4j.createFromArray(oneHot))).mean();
    sd.identity("ours", ours);
    double reference = (nll(LOGITS[0], 0) + nll(LOGITS[1], 2)) / 2;
    Map<String, INDArray> out = sd.output(Map.of(), "builtin", "ours");
    assertThat(out.get("ours").getDouble(0)).isCloseTo(reference, within(1e-12));
    assertThat(Math.abs(out.get("builtin").getDouble(0) - reference))
        .as("trap 1 still present: the built-in sparse CE is wrong").isGreaterThan(1e-4);
  }

  @Test
  void meanOverANegativeAxisIsWrongButOverTheSameNonNegativeAxisIsRight() {
    INDArray x = Nd4j.linspace(DataType.DOUBLE, 1, 24, 1).reshape(2, 3, 4, 1);
    SameDiff sd = SameDiff.create();
    SDVariable v = sd.constant("x", x);
    sd.identity("neg", v.mean(true, -1));
    sd.identity("pos", v.mean(true, 3));
    Map<String, INDArray> out = sd.output(Map.of(), "neg", "pos");
    INDArray expected = x.mean(true, 3);
    assertThat(out.get("pos").sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    assertThat(out.get("neg").equalShapes(expected) && out.get("neg").equalsWithEps(expected, 1e-9))
        .as("trap 3 still present: negative axes give wrong values").isFalse();
  }

  @Test
  void dropoutOpOfM21KeepsValuesUnscaled() {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.constant("x", Nd4j.ones(DataType.FLOAT, 64, 64));
    sd.identity("d", sd.nn.dropout(x, 0.5));
    INDArray d = sd.output(Map.of(), "d").get("d");
    // inverted dropout would give kept values 1/0.5 = 2; M2.1 keeps them at 1, so Layers.dropout scales itself
    assertThat(d.maxNumber().doubleValue()).as("dropout trap still present").isEqualTo(1.0);
    assertThat(d.minNumber().doubleValue()).isEqualTo(0.0);
  }

  @Test
  void primitiveLogSoftmaxMatchesPlainJava() {
    SameDiff sd = SameDiff.create();
    SDVariable z = sd.var("z", Nd4j.createFromArray(LOGITS));
    sd.identity("lsm", Primitives.logSoftmax(sd, z, 1));
    INDArray lsm = sd.output(Map.of(), "lsm").get("lsm");
    for (int i = 0; i < 2; i++) {
      for (int c = 0; c < 4; c++) {
        assertThat(lsm.getDouble(i, c)).isCloseTo(-nll(LOGITS[i], c), within(1e-12));
      }
    }
  }

  @Test
  void gradientCallOfM21SwitchesTheGradientFunctionsArrayCacheOff() {
    SameDiff sd = SameDiff.create();
    SDVariable w = sd.var("w", Nd4j.createFromArray(1.0, 2.0, 3.0));
    sd.identity("loss", w.mul(w).sum());
    sd.setLossVariables("loss");
    GradFunction gf = GradFunction.create(sd);
    INDArray ours = gf.gradients(Map.of(), List.of("w")).get("w");
    assertThat(sd.getFunction("grad").isEnableCache()).isTrue();
    INDArray theirs = sd.calculateGradients(Map.of(), "w").get("w");
    assertThat(ours).isEqualTo(theirs).isEqualTo(Nd4j.createFromArray(2.0, 4.0, 6.0));
    assertThat(sd.getFunction("grad").isEnableCache())
        .as("trap still present: intermediates of every gradient pass wait for the Java GC").isFalse();
  }

  @Test
  void mainCodeUsesNoTrappedOp() throws IOException {
    List<Pattern> forbidden = List.of(
        Pattern.compile("sparseSoftmaxCrossEntropy"),                 // trap 1
        Pattern.compile("nn\\(?\\)?\\.logSoftmax\\("),                // trap 2
        Pattern.compile("\\b(mean|sum|max|min|softmax|norm2)\\([^)]*,\\s*-\\d"),   // trap 3: negative axes
        Pattern.compile("\\b(sd|sd\\(\\)|sameDiff)\\.fit\\("),             // trap 4
        Pattern.compile("nn\\(?\\)?\\.gelu\\(|nn\\(?\\)?\\.layerNorm\\("),   // trap 7
        Pattern.compile("\\bsd\\(?\\)?\\.gather\\("),                       // trap 5: slow backward
        Pattern.compile("nn\\(?\\)?\\.dropout\\("),                           // does not rescale
        Pattern.compile("\\.calculateGradients(AndOutputs)?\\("));                  // no array reuse: GradFunction
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String code = lines.get(i).replaceAll("//.*", "");
          for (Pattern p : forbidden) {
            if (p.matcher(code).find() && !lines.get(i).trim().startsWith("*")) {
              hits.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertThat(hits).isEmpty();
  }

  private static double nll(double[] z, int y) {
    return dev.unlearn4j.eval.classification.CrossEntropyMetric.nll(z, y);
  }

}
