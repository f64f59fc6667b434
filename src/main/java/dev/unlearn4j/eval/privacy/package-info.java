/** Privacy metrics: membership-inference scores and AUC, Kolmogorov–Smirnov forget quality. */
package dev.unlearn4j.eval.privacy;
