package dev.unlearn4j.loss;

import dev.unlearn4j.data.Batch;
import org.nd4j.autodiff.samediff.SDVariable;

/** Builds the ops of one loss term and returns a scalar. Implementations hold hyperparameters only. */
@FunctionalInterface
public interface LossTerm {
  SDVariable build(LossInputs in);

  /**
   * The examples the term averages over. A term that is a mean over forget (or retain) examples of the first view
   * can be computed on parts of a batch: weighting each part by its share of those examples gives the whole
   * batch's value and gradient. A term that relates rows to each other (a contrastive loss) cannot.
   */
  enum Rows {
    FORGET,
    RETAIN,
    COUPLED;

    /** The part's weight in the whole batch's mean: its share of the averaged examples (1 when there are none). */
    public double share(Batch part, Batch whole) {
      int all = count(whole);
      return this == COUPLED || all == 0 ? 1.0 : (double) count(part) / all;
    }

    private int count(Batch b) {
      return this == FORGET ? b.forget().size() : b.retain().size();
    }
  }

  /** What the term averages over; {@link Rows#COUPLED} unless declared with {@link #meanOver}. */
  default Rows rows() {
    return Rows.COUPLED;
  }

  /** A term that is a mean over the {@code rows} examples of a batch (per example, or per token of them). */
  static LossTerm meanOver(Rows rows, LossTerm term) {
    return new LossTerm() {
      @Override
      public SDVariable build(LossInputs in) {
        return term.build(in);
      }

      @Override
      public Rows rows() {
        return rows;
      }
    };
  }
}
