/** Evaluation: metrics with aggregate and per-example values, their registry, and the evaluator. */
package dev.unlearn4j.eval;
