package org.openstack.kuryr.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs commands for tests, bounded in time, failing with their output. */
final class Shell {
  private Shell() {}

  /** A finished command. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs a command and returns its result, whatever its exit code. */
  static Result exec(Duration timeout, String... argv) {
    try {
      Process process = new ProcessBuilder(argv).start();
      process.getOutputStream().close();
      CompletableFuture<String> out = read(process.getInputStream());
      CompletableFuture<String> err = read(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", argv));
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", argv) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        },
        Thread::startVirtualThread);
  }

  /** Runs a command that must succeed; returns its trimmed standard output. */
  static String run(Duration timeout, String... argv) {
    Result result = exec(timeout, argv);
    if (!result.ok()) {
      throw new AssertionError(
          String.join(" ", argv)
              + " failed ("
              + result.exitCode()
              + "): "
              + result.stderr()
              + result.stdout());
    }
    return result.stdout().strip();
  }
}
