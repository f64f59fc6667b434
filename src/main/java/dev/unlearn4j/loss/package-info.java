/** Loss terms as pure functions that build SameDiff ops, and weighted objectives made of them. */
package dev.unlearn4j.loss;
