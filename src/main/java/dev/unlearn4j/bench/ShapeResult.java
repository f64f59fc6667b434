package dev.unlearn4j.bench;

import java.util.Map;

/**
 * Timings of one model at one batch shape. A training step counts 3× the forward FLOPs (the backward pass costs
 * about twice the forward).
 *
 * @param onnxRuntime onnxruntime's forward pass on the same batch, or null where there is no reference
 * @param decoding eager generation timings by name (causal models), empty where not measured
 */
public record ShapeResult(int batch, int length, double forwardGflop, Timings forward, Timings step,
    Timings onnxRuntime, Map<String, Timings> decoding) {
  public double stepGflop() {
    return 3 * forwardGflop;
  }
}
