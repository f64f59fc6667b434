package dev.unlearn4j.train;

import dev.unlearn4j.util.UnlearnException;

/** Training produced a non-finite loss or gradient; the run stops and writes no result. */
public class DivergenceException extends UnlearnException {
  public DivergenceException(String message) {
    super(message);
  }
}
