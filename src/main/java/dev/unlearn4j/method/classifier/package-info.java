/** Unlearning methods for classifiers. */
package dev.unlearn4j.method.classifier;
