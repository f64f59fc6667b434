package dev.unlearn4j.loss;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A weighted sum of named loss terms, L = Σ w_k·L_k. Each term is also a named graph output ({@code term_<name>})
 * so the train log records it on its own. {@code feeds} fill the placeholders that terms add themselves;
 * {@code projection} &gt; 0 makes the terms read the latent through a trainable projection head of that width
 * ({@code model.ProjectedGraph}, set up by the trainer), 0 reads it directly.
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

  /** One weighted term. */
  public record Term(String name, double weight, LossTerm loss) {
    /**
     * {@code retain_ce}: cross-entropy on the retain rows at weight 1, the term that trains every original model
     * and oracle and keeps an unlearned model's utility.
     */
    public static Term retainCe() {
      return new Term("retain_ce", 1.0, CrossEntropy.onRetain());
    }
  }

  public static final String LOSS = "loss";

  public static Objective of(Term... terms) {
    return new Objective(List.of(terms), List.of());
  }

  /** This objective with one more placeholder source. */
  public Objective withFeed(ExtraFeed feed) {
    List<ExtraFeed> all = new ArrayList<>(feeds);
    all.add(feed);
    return new Objective(terms, all, projection);
  }

  /** Adds every term and the total (named {@value #LOSS}) to the graph; returns the total. */
  public SDVariable build(LossInputs in) {
    return build(in, false);
  }

  /**
   * As {@link #build(LossInputs)}; with {@code shares}, each weighted term is also multiplied by a scalar
   * placeholder {@link #shareName} — the part's share of the examples the term averages over, so that the totals of
   * a batch's micro-batches add up to the whole batch's loss (1 for a whole batch).
   */
  public SDVariable build(LossInputs in, boolean shares) {
    SDVariable total = null;
    for (Term t : terms) {
      SDVariable v = t.loss().build(in);
      v = in.sd().identity(outputName(t), v);
      SDVariable weighted = t.weight() == 1.0 ? v : v.mul(t.weight());
      if (shares) {
        weighted = weighted.mul(in.sd().placeHolder(shareName(t), v.dataType()));
      }
      total = total == null ? weighted : total.add(weighted);
    }
    return in.sd().identity(LOSS, total);
  }

  /** The terms that relate the rows of a batch to each other, so a batch cannot be cut into micro-batches. */
  public List<String> coupledTerms() {
    return terms.stream().filter(t -> t.loss().rows() == LossTerm.Rows.COUPLED).map(Term::name).toList();
  }

  public List<String> outputNames() {
    return terms.stream().map(Objective::outputName).toList();
  }

  public static String outputName(Term t) {
    return "term_" + t.name();
  }

  /** The scalar placeholder of a term's share (see {@link #build(LossInputs, boolean)}). */
  public static String shareName(Term t) {
    return "share_" + t.name();
  }
}
