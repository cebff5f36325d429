package org.openstack.kuryr.daemon;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per record on standard error, as journald and {@code docker logs}-style collectors
 * expect: time, level, logger, message, then the stack trace of a failure if there is one.
 */
final class LogFormat extends Formatter {
  // JUL holds loggers weakly: a level set on a logger nobody references is lost when it is
  // collected, so the configured loggers are kept here.
  private static final Logger HELIDON = Logger.getLogger("io.helidon");
  private static final Logger KURYR = Logger.getLogger("org.openstack.kuryr");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  @Override
  public String format(LogRecord record) {
    var line = new StringBuilder(160);
    line.append(TIME.format(record.getInstant()))
        .append(' ')
        .append(level(record.getLevel()))
        .append(' ')
        .append(shortName(record.getLoggerName()))
        .append(": ")
        .append(formatMessage(record))
        .append('\n');
    if (record.getThrown() != null) {
      var trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  private static String level(Level level) {
    if (level.intValue() >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (level.intValue() >= Level.WARNING.intValue()) {
      return "WARN ";
    }
    return level.intValue() >= Level.INFO.intValue() ? "INFO " : "DEBUG";
  }

  private static String shortName(String logger) {
    if (logger == null) {
      return "-";
    }
    return logger.substring(logger.lastIndexOf('.') + 1);
  }

  /** Sends every log record to standard error in this format. */
  static void install(boolean debug) {
    LogManager.getLogManager().reset();
    var handler = new ConsoleHandler();
    handler.setFormatter(new LogFormat());
    handler.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    root.addHandler(handler);
    root.setLevel(Level.INFO);
    // Helidon announces its internals at INFO; only its warnings matter here.
    HELIDON.setLevel(Level.WARNING);
    KURYR.setLevel(debug ? Level.FINE : Level.INFO);
  }
}
