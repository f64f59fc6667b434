package dev.unlearn4j.experiment;

import dev.unlearn4j.data.Batcher;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.util.Nearest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The classifier's analogue search for the relearning attack's {@code data: related}: for every forget example, the
 * retain example nearest to it in the original model's pooled representation (L2 between L2-normalised vectors,
 * the first on ties), so the attack trains on related data and no forget data at all.
 */
final class NearestRetain {
  private NearestRetain() {}

  /** The distinct nearest retain examples of the forget examples, in the order first found. */
  static List<Example> of(Model original, List<Example> forget, List<Example> retain, int batchSize) {
    ModelGraph g = original.graph();
    double[][] f = latents(g, forget, batchSize);                                     // [F][D]
    double[][] r = latents(g, retain, batchSize);                                     // [R][D]
    LinkedHashSet<Example> out = new LinkedHashSet<>();
    for (double[] q : f) {
      out.add(retain.get(Nearest.index(q, r)));
    }
    return new ArrayList<>(out);
  }

  private static double[][] latents(ModelGraph g, List<Example> examples, int batchSize) {
    double[][] out = new double[examples.size()][];
    int i = 0;
    for (List<Example> batch : Batcher.inOrder(examples, batchSize)) {
      INDArray z = g.sd().output(g.feed(batch), g.latent().name()).get(g.latent().name());   // [B, D]
      for (int b = 0; b < batch.size(); b++, i++) {
        double[] v = z.getRow(b).toDoubleVector();
        double norm = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
        for (int k = 0; k < v.length; k++) {
          v[k] /= Math.max(norm, 1e-12);
        }
        out[i] = v;
      }
    }
    return out;
  }
}
