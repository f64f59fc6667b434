package dev.unlearn4j.config;

import java.util.Locale;

/** Lower-case spelling of an enum constant as written in configs ({@code TEXTBOOK} is {@code textbook}). */
public final class EnumKey {
  private EnumKey() {}

  public static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
