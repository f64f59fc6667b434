package dev.unlearn4j.config;

import dev.unlearn4j.util.UnlearnException;

/** An invalid configuration: the message names the key (and, once known, the file). */
public class ConfigException extends UnlearnException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
