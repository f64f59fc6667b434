/** Sequence-unlearning experiments: ICU's protocol on a causal model with planted passages. */
package dev.unlearn4j.experiment.sequence;
