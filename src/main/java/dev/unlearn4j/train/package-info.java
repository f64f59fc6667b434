/** The training loop, its schedule, listeners, clipping and divergence guard. */
package dev.unlearn4j.train;
