package org.openstack.kuryr.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs commands as child processes of this JVM, with no shell in between.
 *
 * <p>Each command runs with {@code LC_ALL=C}, so that callers may recognise error messages of
 * iproute2 and Open vSwitch tools. Standard output and standard error are collected in full;
 * standard input is written from a separate thread, so a command that does not read its input
 * cannot block the caller past the command's timeout. On timeout or interruption the process is
 * killed with SIGKILL.
 *
 * <p>Thread-safe and stateless.
 */
public final class ProcessCommandRunner implements CommandRunner {
  private static final Logger LOG = Logger.getLogger(ProcessCommandRunner.class.getName());

  /** After a kill, how long to wait for the process to go away and its pipes to close. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(2);

  /** Creates a runner. */
  public ProcessCommandRunner() {}

  @Override
  public CommandResult run(Command command) {
    long startNanos = System.nanoTime();
    Process process = start(command);
    OutputCollector stdout = OutputCollector.start(process.getInputStream());
    OutputCollector stderr = OutputCollector.start(process.getErrorStream());
    feedInput(process.getOutputStream(), command.stdin());

    int exitCode = awaitExit(process, command, stderr);
    String errorText = stderr.await(KILL_GRACE);
    logCompletion(command, exitCode, startNanos);
    if (exitCode != 0) {
      throw CommandFailedException.exited(command.argv(), exitCode, errorText);
    }
    return new CommandResult(stdout.await(KILL_GRACE), errorText);
  }

  private static Process start(Command command) {
    ProcessBuilder builder = new ProcessBuilder(command.argv());
    builder.environment().put("LC_ALL", "C");
    try {
      return builder.start();
    } catch (IOException e) {
      throw CommandFailedException.notStarted(command.argv(), e);
    }
  }

  private static void feedInput(OutputStream processInput, String text) {
    if (text == null) {
      closeQuietly(processInput);
      return;
    }
    Thread.ofVirtual()
        .name("command-stdin")
        .start(
            () -> {
              try (processInput) {
                processInput.write(text.getBytes(StandardCharsets.UTF_8));
              } catch (IOException ignored) {
                // The command exited or closed its input early; its exit status tells why.
              }
            });
  }

  private static int awaitExit(Process process, Command command, OutputCollector stderr) {
    try {
      if (process.waitFor(command.timeout())) {
        return process.exitValue();
      }
      kill(process);
      throw CommandFailedException.timedOut(
          command.argv(), command.timeout(), stderr.await(KILL_GRACE));
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw CommandFailedException.interrupted(command.argv());
    }
  }

  private static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(KILL_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void logCompletion(Command command, int exitCode, long startNanos) {
    if (LOG.isLoggable(Level.FINE)) {
      long micros = (System.nanoTime() - startNanos) / 1_000;
      LOG.fine(
          () -> "ran " + command.commandLine() + " (exit " + exitCode + ", " + micros + " us)");
    }
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // Nothing was written; a failed close cannot lose data.
    }
  }

  /** Reads one of the process's output streams to its end on a virtual thread. */
  private static final class OutputCollector {
    // ByteArrayOutputStream is synchronized; decoding at the end keeps multi-byte characters
    // that straddle two reads intact.
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;

    private OutputCollector(InputStream stream) {
      reader = Thread.ofVirtual().name("command-output").unstarted(() -> readAll(stream));
    }

    static OutputCollector start(InputStream stream) {
      OutputCollector collector = new OutputCollector(stream);
      collector.reader.start();
      return collector;
    }

    private void readAll(InputStream stream) {
      byte[] buffer = new byte[8192];
      try (stream) {
        for (int count = stream.read(buffer); count >= 0; count = stream.read(buffer)) {
          bytes.write(buffer, 0, count);
        }
      } catch (IOException ignored) {
        // The stream closes when the process is killed; what was read so far is kept.
      }
    }

    /**
     * What the process wrote, once the stream ended or {@code bound} passed. The bound matters only
     * when a grandchild process keeps the pipe open after the command was killed.
     */
    String await(Duration bound) {
      try {
        reader.join(bound);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
