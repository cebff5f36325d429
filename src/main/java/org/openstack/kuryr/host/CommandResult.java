package org.openstack.kuryr.host;

import java.util.Objects;

/**
 * What a command that exited with status 0 printed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stdout everything the command wrote to standard output; never null
 * @param stderr everything the command wrote to standard error (warnings); never null
 */
public record CommandResult(String stdout, String stderr) {

  /** Validates the arguments. */
  public CommandResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }
}
