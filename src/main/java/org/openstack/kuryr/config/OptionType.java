package org.openstack.kuryr.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How an option's text is parsed and shown. Implementations are stateless and thread-safe.
 *
 * @param <T> the parsed type
 */
public interface OptionType<T> {
  /**
   * Parses the text of a value.
   *
   * @throws IllegalArgumentException with a message saying what is expected
   */
  T parse(String text);

  /** Formats a value the way {@link #parse} reads it back. */
  default String format(T value) {
    return String.valueOf(value);
  }

  /** A short description of the accepted values, for the sample file. */
  String describe();

  /** Any text. */
  OptionType<String> STRING =
      new OptionType<>() {
        @Override
        public String parse(String text) {
          return text;
        }

        @Override
        public String describe() {
          return "string";
        }
      };

  /** {@code true/false}, also {@code yes/no}, {@code on/off}, {@code 1/0}, any case. */
  OptionType<Boolean> BOOLEAN =
      new OptionType<>() {
        private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");
        private static final Set<String> FALSE = Set.of("false", "no", "off", "0");

        @Override
        public Boolean parse(String text) {
          String lower = text.strip().toLowerCase(Locale.ROOT);
          if (TRUE.contains(lower)) {
            return true;
          }
          if (FALSE.contains(lower)) {
            return false;
          }
          throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        }

        @Override
        public String describe() {
          return "boolean";
        }
      };

  /** A comma-separated list of strings; blank entries are dropped. */
  OptionType<List<String>> LIST =
      new OptionType<>() {
        @Override
        public List<String> parse(String text) {
          return Arrays.stream(text.split(","))
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .toList();
        }

        @Override
        public String format(List<String> value) {
          return String.join(",", value);
        }

        @Override
        public String describe() {
          return "comma-separated list";
        }
      };

  /** A whole number within bounds. */
  static OptionType<Integer> integer(int min, int max) {
    return new OptionType<>() {
      @Override
      public Integer parse(String text) {
        int value;
        try {
          value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected a whole number, got '" + text + "'", e);
        }
        if (value < min || value > max) {
          throw new IllegalArgumentException(
              "expected a number from " + min + " to " + max + ", got " + value);
        }
        return value;
      }

      @Override
      public String describe() {
        return "integer, " + min + " to " + max;
      }
    };
  }

  /**
   * A duration written in seconds, fractions allowed (the unit oslo.config options such as {@code
   * vif_plugging_timeout} use), within bounds.
   */
  static OptionType<Duration> seconds(Duration min, Duration max) {
    return new OptionType<>() {
      @Override
      public Duration parse(String text) {
        Duration value;
        try {
          value = Duration.ofNanos(Math.round(Double.parseDouble(text.strip()) * 1e9));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected seconds, got '" + text + "'", e);
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
          throw new IllegalArgumentException(
              "expected " + format(min) + " to " + format(max) + " seconds, got " + text);
        }
        return value;
      }

      @Override
      public String format(Duration value) {
        double seconds = value.toNanos() / 1e9;
        return seconds == Math.rint(seconds)
            ? Long.toString((long) seconds)
            : Double.toString(seconds);
      }

      @Override
      public String describe() {
        return "seconds, " + format(min) + " to " + format(max);
      }
    };
  }

  /** One of a fixed set of strings, compared exactly. */
  static OptionType<String> choice(String... choices) {
    List<String> allowed = List.of(choices);
    return new OptionType<>() {
      @Override
      public String parse(String text) {
        String value = text.strip();
        if (!allowed.contains(value)) {
          throw new IllegalArgumentException("expected one of " + allowed + ", got '" + text + "'");
        }
        return value;
      }

      @Override
      public String describe() {
        return "one of " + String.join(", ", allowed);
      }
    };
  }
}
