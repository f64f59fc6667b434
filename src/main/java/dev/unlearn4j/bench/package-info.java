/** Benchmarks of training and inference steps, with analytic FLOP counts and the machine's GEMM ceiling. */
package dev.unlearn4j.bench;
