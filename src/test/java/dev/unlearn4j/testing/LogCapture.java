package dev.unlearn4j.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** The messages one class logs while an action runs (tests log at WARN; this listens at the level asked for). */
public final class LogCapture {
  private LogCapture() {}

  /** What {@code action} returned and the formatted messages {@code source} logged meanwhile at {@code level}. */
  public record Captured<T>(T value, List<String> messages) {}

  public static <T> Captured<T> of(Class<?> source, Level level, Supplier<T> action) {
    Logger log = (Logger) LoggerFactory.getLogger(source);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    log.setLevel(level);
    try {
      T value = action.get();
      return new Captured<>(value, events.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    } finally {
      log.detachAppender(events);
      log.setLevel(null);
    }
  }
}
