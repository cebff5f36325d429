package org.openstack.kuryr.e2e;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The turn of one test run on this machine's shared dockerd and Docker plugin socket: runs from
 * other worktrees, benchmarks and the tests of this JVM take turns.
 *
 * <p>The lock is a POSIX record lock (what {@link FileChannel#lock} takes; {@code flock(1)} does
 * not see it). POSIX releases every lock a process holds on a file as soon as the process closes
 * any descriptor of that file, so this JVM opens the file once, locks it once, and counts its
 * holders. Thread-safe.
 */
final class MachineTurn {
  private static final Path FILE = Path.of("/run/kuryr-e2e.lock");
  private static final Duration LONGEST_WAIT = Duration.ofMinutes(30);

  private static FileChannel channel;
  private static FileLock lock;
  private static int holders;

  private MachineTurn() {}

  /** Waits for the machine's turn, or joins this JVM's. Each call needs one {@link #release}. */
  static synchronized void acquire() {
    if (holders++ > 0) {
      return;
    }
    try {
      channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
      while ((lock = channel.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("another test run held " + FILE + " for " + LONGEST_WAIT);
        }
        Thread.sleep(500);
      }
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      holders--;
      closeQuietly();
      throw new AssertionError("cannot take the turn " + FILE + ": " + e, e);
    }
  }

  /** Gives the turn back when this JVM's last holder releases it. */
  static synchronized void release() {
    if (holders > 0 && --holders == 0) {
      closeQuietly();
    }
  }

  private static void closeQuietly() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // closing releases the lock; nothing else to do
    } finally {
      channel = null;
      lock = null;
    }
  }
}
