/** Generation metrics: extraction likelihood, memorisation accuracy, token entropy, perplexity. */
package dev.unlearn4j.eval.generation;
