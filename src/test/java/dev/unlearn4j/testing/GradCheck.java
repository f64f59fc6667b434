package dev.unlearn4j.testing;

import dev.unlearn4j.nn.GradFunction;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite-difference gradient check of a scalar SameDiff output with respect to variables. Graphs should be
 * built in {@link DataType#DOUBLE} with tiny shapes.
 */
public final class GradCheck {
  private GradCheck() {}

  /** Result of a check: the worst relative error over all checked elements. */
  public record Result(double maxRelativeError, double maxAbsoluteError, int checked) {}

  public static Result check(SameDiff sd, String loss, List<String> variables, double eps) {
    return check(sd, Map.of(), loss, variables, eps, Integer.MAX_VALUE, 0);
  }

  /**
   * @param feed placeholder values
   * @param perVariable check at most this many randomly chosen elements of each variable
   */
  public static Result check(SameDiff sd, Map<String, INDArray> feed, String loss, List<String> variables,
      double eps, int perVariable, long seed) {
    sd.setLossVariables(loss);
    Map<String, INDArray> analytic = GradFunction.create(sd).gradients(feed, variables);
    Random rng = new Random(seed);
    double maxRel = 0;
    double maxAbs = 0;
    int n = 0;
    for (String v : variables) {
      INDArray p = sd.getArrForVarName(v);
      if (p.dataType() != DataType.DOUBLE) {
        throw new IllegalArgumentException("gradient checks need DOUBLE variables: " + v);
      }
      INDArray g = analytic.get(v);
      int count = (int) Math.min(p.length(), perVariable);
      for (int c = 0; c < count; c++) {
        long i = count == p.length() ? c : (long) rng.nextInt((int) p.length());
        double orig = p.getDouble(i);
        p.putScalar(i, orig + eps);
        double up = value(sd, feed, loss);
        p.putScalar(i, orig - eps);
        double down = value(sd, feed, loss);
        p.putScalar(i, orig);
        double numeric = (up - down) / (2 * eps);
        double a = g == null ? 0.0 : g.getDouble(i);
        double abs = Math.abs(a - numeric);
        double rel = abs / Math.max(1e-8, Math.max(Math.abs(a), Math.abs(numeric)));
        maxAbs = Math.max(maxAbs, abs);
        // tiny gradients are compared absolutely: relative error is meaningless near zero
        maxRel = Math.max(maxRel, abs < 1e-9 ? 0 : rel);
        n++;
      }
    }
    return new Result(maxRel, maxAbs, n);
  }

  public static double value(SameDiff sd, String name) {
    return value(sd, Map.of(), name);
  }

  public static double value(SameDiff sd, Map<String, INDArray> feed, String name) {
    return sd.output(feed, name).get(name).getDouble(0);
  }
}
