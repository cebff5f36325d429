package org.openstack.kuryr.host;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One host command: an argument vector (never a shell string), optional standard input and the
 * longest time it may run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param argv the program and its arguments; not empty, no null elements
 * @param stdin text written to the program's standard input, or {@code null} for none
 * @param timeout how long the command may run before it is killed; positive
 */
public record Command(List<String> argv, String stdin, Duration timeout) {

  /** Validates and copies the arguments. */
  public Command {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least the program name");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("command timeout must be positive: " + timeout);
    }
  }

  /** A command with no standard input. */
  public static Command of(Duration timeout, String... argv) {
    return new Command(Arrays.asList(argv), null, timeout);
  }

  /** A command with no standard input. */
  public static Command of(Duration timeout, List<String> argv) {
    return new Command(argv, null, timeout);
  }

  /** This command with {@code text} as its standard input. */
  public Command withStdin(String text) {
    return new Command(argv, Objects.requireNonNull(text, "text"), timeout);
  }

  /** The program name and arguments joined by spaces, for messages and logs. */
  public String commandLine() {
    return String.join(" ", argv);
  }
}
