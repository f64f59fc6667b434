package dev.unlearn4j.nn;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph's gradient function, built once up front and run with SameDiff's array cache switched on.
 *
 * <p>Why not {@code SameDiff.calculateGradientsAndOutputs}: in M2.1 it switches the gradient function's array
 * cache off on every call, so none of the ~1,100 intermediate arrays of a MiniLM step (about 1 GB at batch 8 × 64)
 * is released: they wait for the Java garbage collector, and the memory they are re-allocated from arrives as
 * fresh pages from the kernel (≈ 250,000 page faults, 2–3 s, in every second or third step). With the cache on,
 * the session hands released arrays of the same shape back to later ops and later steps. The results are
 * identical to the last bit (regression tests: {@code GradFunctionReuseTest}, {@code CausalGradReuseTest}).
 *
 * <p>Building the function prints one "Added differentiated op" line per op to stdout in M2.1; that output is
 * swallowed here so the CLI's stdout carries only results.
 */
public final class GradFunction {
  private final SameDiff sd;
  private final SameDiff grad;

  /** The name SameDiff files its gradient function under ({@code SameDiff.GRAD_FN_KEY}, which is protected). */
  private static final String FUNCTION = "grad";

  private GradFunction(SameDiff sd) {
    this.sd = sd;
    this.grad = sd.getFunction(FUNCTION);
  }

  /**
   * @param inputs placeholders whose gradients are needed as well (variables always get theirs)
   */
  public static synchronized GradFunction create(SameDiff sd, String... inputs) {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      sd.createGradFunction(inputs);
    } finally {
      System.setOut(out);
    }
    return new GradFunction(sd);
  }

  /**
   * Same contract as {@code SameDiff.calculateGradientsAndOutputs}: the values of {@code outputs} and the
   * gradients of the loss with respect to {@code gradientsOf}; a variable the loss does not depend on is absent.
   */
  public OutAndGrad run(Map<String, INDArray> feed, Collection<String> outputs, Collection<String> gradientsOf) {
    List<String> wanted = new ArrayList<>(outputs);
    Map<String, String> gradNames = new HashMap<>();
    for (String v : gradientsOf) {
      SDVariable g = sd.getVariable(v).getGradient();
      if (g != null) {
        gradNames.put(v, g.name());
        wanted.add(g.name());
      }
    }
    grad.setEnableCache(true);          // again each time: SameDiff's own gradient call switches it off
    if (maxCacheBytes > 0) {
      capCache(grad, maxCacheBytes);
    }
    Map<String, INDArray> all = grad.output(feed, wanted.toArray(String[]::new));
    Map<String, INDArray> outs = new HashMap<>();
    outputs.forEach(o -> outs.put(o, all.get(o)));
    Map<String, INDArray> grads = new HashMap<>();
    gradNames.forEach((v, g) -> grads.put(v, all.get(g)));
    return new OutAndGrad(outs, grads);
  }

  private long maxCacheBytes;

  /**
   * Caps the arrays the session keeps for reuse (SameDiff's default: a quarter of JavaCPP's byte limit, 2 GB at
   * {@code -Xmx8g}). At a 50,257-token vocabulary a large cache holds gigabytes that a memory bound cannot spare.
   */
  public GradFunction maxCacheBytes(long bytes) {
    this.maxCacheBytes = bytes;
    return this;
  }

  private static void capCache(SameDiff s, long bytes) {
    // the session SameDiff would create for this thread on first use, created here so that its cache is capped
    // before the first run
    s.getSessions().computeIfAbsent(Thread.currentThread().getId(),
        k -> new InferenceSession(s));
    for (var sess : s.getSessions().values()) {
      if (sess.getMmgr() instanceof ArrayCacheMemoryMgr m
          && m.getMaxCacheBytes() != bytes) {
        m.setMaxCacheBytes(bytes);
      }
    }
  }

  /** Gradients only. */
  public Map<String, INDArray> gradients(Map<String, INDArray> feed, Collection<String> of) {
    return run(feed, List.of(), of).getGradients();
  }
}
