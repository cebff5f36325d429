package org.openstack.kuryr.host;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A host command did not succeed: it could not be started, exited with a non-zero status, or ran
 * past its timeout and was killed.
 *
 * <p>The message reads {@code failed to run <command line>: <stderr>}. Immutable.
 */
public final class CommandFailedException extends RuntimeException {
  /** The value of {@link #exitCode()} when the command did not exit on its own. */
  public static final int NO_EXIT_CODE = -1;

  private static final long serialVersionUID = 1L;

  private final List<String> argv;
  private final int exitCode;
  private final String stderr;
  private final boolean timedOut;

  private CommandFailedException(
      List<String> argv, int exitCode, String stderr, boolean timedOut, String reason) {
    super("failed to run " + String.join(" ", argv) + ": " + reason);
    this.argv = List.copyOf(argv);
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.timedOut = timedOut;
  }

  /** The command exited with {@code exitCode}, which is not 0. */
  public static CommandFailedException exited(List<String> argv, int exitCode, String stderr) {
    String reason = stderr.isBlank() ? "exit status " + exitCode : stderr.strip();
    return new CommandFailedException(argv, exitCode, stderr, false, reason);
  }

  /** The command ran longer than {@code timeout} and was killed. */
  public static CommandFailedException timedOut(
      List<String> argv, Duration timeout, String stderr) {
    String reason = "timed out after " + timeout.toMillis() + " ms";
    if (!stderr.isBlank()) {
      reason += " (" + stderr.strip() + ")";
    }
    return new CommandFailedException(argv, NO_EXIT_CODE, stderr, true, reason);
  }

  /** The program could not be started (not installed, not executable, out of resources). */
  public static CommandFailedException notStarted(List<String> argv, IOException cause) {
    CommandFailedException failure =
        new CommandFailedException(argv, NO_EXIT_CODE, "", false, cause.getMessage());
    failure.initCause(cause);
    return failure;
  }

  /** The waiting thread was interrupted; the command was killed. */
  public static CommandFailedException interrupted(List<String> argv) {
    return new CommandFailedException(argv, NO_EXIT_CODE, "", false, "interrupted");
  }

  /** The program and its arguments; never null. */
  public List<String> argv() {
    return argv;
  }

  /** The exit status, or {@link #NO_EXIT_CODE} when the command did not exit on its own. */
  public int exitCode() {
    return exitCode;
  }

  /** What the command wrote to standard error, possibly empty; never null. */
  public String stderr() {
    return stderr;
  }

  /** Whether the command was killed because it ran past its timeout. */
  public boolean timedOut() {
    return timedOut;
  }
}
