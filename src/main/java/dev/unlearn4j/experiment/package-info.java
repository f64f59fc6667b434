/** Running an experiment and writing its run directory (config, provenance, metrics, summary, report). */
package dev.unlearn4j.experiment;
