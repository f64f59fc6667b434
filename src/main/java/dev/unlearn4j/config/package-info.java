/** Experiment configs: YAML bound strictly onto documented records, with defaults and overrides. */
package dev.unlearn4j.config;
