package dev.unlearn4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.nn.GradFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link GradFunction} runs the gradient graph with SameDiff's array cache on, so intermediate arrays are handed
 * from op to op and from step to step; a wrongly released array would silently corrupt gradients. This runs the
 * feeds in turn, three rounds, and asserts every output and gradient equals SameDiff's own cache-free computation
 * bit for bit, and that results kept from the first round are not overwritten by later runs.
 */
public final class GradReuse {
  private GradReuse() {}

  /** @return how many gradients were compared per run */
  public static int assertMatchesSameDiff(SameDiff sd, GradFunction gf, List<Map<String, INDArray>> feeds,
      List<String> outputs, List<String> gradientsOf) {
    List<Map<String, INDArray>> first = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < 3 * feeds.size(); i++) {
      int run = i;
      Map<String, INDArray> f = feeds.get(i % feeds.size());
      OutAndGrad ours = gf.run(f, outputs, gradientsOf);
      OutAndGrad ref = sd.calculateGradientsAndOutputs(f, outputs, gradientsOf);
      assertThat(ours.getGradients().keySet()).containsExactlyInAnyOrderElementsOf(ref.getGradients().keySet());
      ref.getGradients().forEach((v, r) -> assertThat(ours.getGradients().get(v)).as("run %d, %s", run, v)
          .isEqualTo(r));
      ref.getOutputs().forEach((o, r) -> assertThat(ours.getOutputs().get(o)).as("run %d, %s", run, o)
          .isEqualTo(r));
      compared = ref.getGradients().size();
      if (i < feeds.size()) {
        Map<String, INDArray> kept = new HashMap<>();
        ours.getGradients().forEach((k, v) -> kept.put(k, v.dup()));
        first.add(kept);
      } else {
        // same feed, same weights: the same numbers as the first time
        first.get(i % feeds.size()).forEach((v, r) -> assertThat(ours.getGradients().get(v)).isEqualTo(r));
      }
    }
    return compared;
  }
}
