package dev.unlearn4j.bench;

/**
 * Timings of one model at one batch shape. A training step counts 3× the forward FLOPs (the backward pass costs
 * about twice the forward).
 *
 * @param onnxRuntime onnxruntime's forward pass on the same batch, or null where there is no reference
 */
public record ShapeResult(int batch, int length, double forwardGflop, Timings forward, Timings step,
    Timings onnxRuntime) {
  public double stepGflop() {
    return 3 * forwardGflop;
  }
}
