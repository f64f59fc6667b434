/** The {@code unlearn} command line (picocli): the only package that prints to stdout. */
package dev.unlearn4j.cli;
