package org.openstack.kuryr.host;

/**
 * Runs host commands. The only way product code starts processes, so that every command is an
 * argument list with a bounded run time and a typed failure.
 *
 * <p>Implementations are thread-safe: commands may run concurrently from any thread.
 */
public interface CommandRunner {

  /**
   * Runs {@code command} to completion.
   *
   * @return the command's output when it exited with status 0
   * @throws CommandFailedException when the command could not be started, exited with another
   *     status, or ran longer than its timeout (it is then killed)
   */
  CommandResult run(Command command);
}
