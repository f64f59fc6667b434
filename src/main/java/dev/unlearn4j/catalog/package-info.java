/**
 * The registries that map the names in an experiment config to components: datasets, models, unlearning methods and
 * metrics. They sit above the packages whose classes they list, so that those packages never refer back to them;
 * adding a method, model or dataset is its class plus one line here.
 */
package dev.unlearn4j.catalog;
