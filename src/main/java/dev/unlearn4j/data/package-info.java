/** Datasets, forget requests (forget / retain / test splits) and batching. */
package dev.unlearn4j.data;

