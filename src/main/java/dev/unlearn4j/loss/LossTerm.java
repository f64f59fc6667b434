package dev.unlearn4j.loss;

import org.nd4j.autodiff.samediff.SDVariable;

/** Builds the ops of one loss term and returns a scalar. Implementations hold hyperparameters only. */
@FunctionalInterface
public interface LossTerm {
  SDVariable build(LossInputs in);
}
