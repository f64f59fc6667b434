/**
 * Methods that unlearn memorised sequences of a causal language model — ICU and the baselines KUMPR, GradDiff and
 * NPO — with ICU's refinement and the continuation scores it reads.
 */
package dev.unlearn4j.method.generative;
