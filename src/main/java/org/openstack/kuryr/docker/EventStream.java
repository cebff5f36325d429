package org.openstack.kuryr.docker;

import java.util.Optional;

/**
 * Events as the engine reports them, one at a time. Not thread-safe for reading; {@link #close()}
 * may be called from another thread to stop a reader waiting in {@link #next()}.
 */
public interface EventStream extends AutoCloseable {
  /**
   * Waits for the next event.
   *
   * @return empty when the engine ended the stream (it stopped) or the stream was closed
   * @throws DockerEngineException when the stream broke or carried something unreadable
   */
  Optional<EngineEvent> next();

  /** Stops following events. Safe to repeat. */
  @Override
  void close();
}
