package dev.unlearn4j.config;

/** Lower-case spelling of an enum constant as written in configs ({@code TEXTBOOK} is {@code textbook}). */
public final class EnumKey {
  private EnumKey() {}

  public static String of(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
