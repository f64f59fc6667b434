package dev.unlearn4j.util;

/**
 * A failure the user can act on. Its message is a single line that names the file, key or id at fault; the CLI
 * prints it and exits non-zero.
 */
public class UnlearnException extends RuntimeException {
  public UnlearnException(String message) {
    super(message);
  }

  public UnlearnException(String message, Throwable cause) {
    super(message, cause);
  }
}
