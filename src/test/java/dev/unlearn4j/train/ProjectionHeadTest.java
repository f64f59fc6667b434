package dev.unlearn4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.builtin.SyntheticBlobs;
import dev.unlearn4j.loss.ContrastiveForget;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.model.ProjectedGraph;
import dev.unlearn4j.model.mlp.Mlp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A projection head trains with the model, changes what it learns, and never becomes one of its weights. */
class ProjectionHeadTest {
  private final Dataset data = new SyntheticBlobs(SyntheticBlobs.Args.defaults()).load();

  private Model train(int projection) {
    Model m = Mlp.factory(Mlp.Args.defaults()).create(data, 5);
    Objective o = Objective.of(new Objective.Term("retain_ce", 1.0, CrossEntropy.onRetain()),
        new Objective.Term("forget_contrastive", 3.0, ContrastiveForget.of(0.7, ContrastiveForget.Normalisation.LEE,
            ContrastiveForget.EmptySet.SKIP))).withProjection(projection);
    List<Example> forget = data.examples().subList(0, 12);
    List<Example> retain = data.examples().subList(12, data.examples().size());
    new Trainer(List.of()).fit("u", m, o, new BatchPlan(BatchPlan.Driver.FORGET, 4, 4, 1, 2, 0),
        TrainSpec.defaults().with(2, 4, 0.05), forget, retain, 7);
    return m;
  }

  @Test
  void theHeadShapesTrainingButIsNotSaved() {
    Model plain = train(0);
    Model projected = train(6);
    Model again = train(6);
    assertThat(projected.weights().keySet()).isEqualTo(plain.weights().keySet()).noneMatch(k ->
        k.startsWith("projection"));
    for (String k : projected.weights().keySet()) {
      assertThat(projected.weights().get(k)).as("deterministic " + k).isEqualTo(again.weights().get(k));
    }
    assertThat(projected.weights().get("w1").equalsWithEps(plain.weights().get("w1"), 1e-6))
        .as("the loss read the projected latent").isFalse();
  }

  @Test
  void theProjectedLatentHasTheHeadsWidth() {
    Model m = Mlp.factory(Mlp.Args.defaults()).create(data, 5);
    ModelGraph own = m.graph(true, 1);
    ProjectedGraph g = new ProjectedGraph(own, 5, 2);
    INDArray z = g.sd().output(g.feed(data.examples().subList(0, 3)), g.latent().name()).get(g.latent().name());
    assertThat(z.shape()).containsExactly(3, 5);
    assertThat(g.trainableVariables()).containsAll(own.trainableVariables()).contains("projection_w1",
        "projection_b2").hasSize(own.trainableVariables().size() + 4);
  }
}
