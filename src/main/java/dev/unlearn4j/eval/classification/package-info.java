/** Classification metrics: accuracy, F1 variants and cross-entropy. */
package dev.unlearn4j.eval.classification;
