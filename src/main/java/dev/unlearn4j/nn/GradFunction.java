package dev.unlearn4j.nn;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a graph's gradient function once, up front. M2.1 prints one "Added differentiated op" line per op to
 * stdout while doing so; that output is swallowed here so the CLI's stdout carries only results.
 */
public final class GradFunction {
  private GradFunction() {}

  /**
   * @param inputs placeholders whose gradients are needed as well (variables always get theirs)
   */
  public static synchronized void create(SameDiff sd, String... inputs) {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      sd.createGradFunction(inputs);
    } finally {
      System.setOut(out);
    }
  }
}
