package dev.unlearn4j.loss;

import dev.unlearn4j.model.ModelGraph;
import dev.unlearn4j.model.ProjectedGraph;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A weighted sum of named loss terms, L = Σ w_k·L_k. Each term is also a named graph output ({@code term_<name>})
 * so the train log records it on its own. {@code feeds} fill the placeholders that terms add themselves;
 * {@code projection} &gt; 0 makes the terms read the latent through a trainable projection head of that width
 * ({@link ProjectedGraph}), 0 reads it directly.
 */
public record Objective(List<Term> terms, List<ExtraFeed> feeds, int projection) {
  public Objective {
    terms = List.copyOf(terms);
    feeds = List.copyOf(feeds);
  }

  public Objective(List<Term> terms, List<ExtraFeed> feeds) {
    this(terms, feeds, 0);
  }

  /** This objective with its latent read through a projection head D → D → {@code width}. */
  public Objective withProjection(int width) {
    return new Objective(terms, feeds, width);
  }

  /** The graph the terms train on: the model's own, or it with the projection head, initialised from {@code seed}. */
  public ModelGraph trainingGraph(ModelGraph own, long seed) {
    return projection > 0 ? new ProjectedGraph(own, projection, seed) : own;
  }

  /** One weighted term. */
  public record Term(String name, double weight, LossTerm loss) {}

  public static final String LOSS = "loss";

  public static Objective of(Term... terms) {
    return new Objective(List.of(terms), List.of());
  }

  /** This objective with one more placeholder source. */
  public Objective withFeed(ExtraFeed feed) {
    List<ExtraFeed> all = new java.util.ArrayList<>(feeds);
    all.add(feed);
    return new Objective(terms, all, projection);
  }

  /** Adds every term and the total (named {@value #LOSS}) to the graph; returns the total. */
  public SDVariable build(LossInputs in) {
    SDVariable total = null;
    for (Term t : terms) {
      SDVariable v = t.loss().build(in);
      v = in.sd().identity(outputName(t), v);
      SDVariable weighted = t.weight() == 1.0 ? v : v.mul(t.weight());
      total = total == null ? weighted : total.add(weighted);
    }
    return in.sd().identity(LOSS, total);
  }

  public List<String> outputNames() {
    return terms.stream().map(Objective::outputName).toList();
  }

  public static String outputName(Term t) {
    return "term_" + t.name();
  }
}
