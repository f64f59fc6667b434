/** A small perceptron classifier on numeric features. */
package dev.unlearn4j.model.mlp;
