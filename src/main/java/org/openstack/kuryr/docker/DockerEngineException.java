package org.openstack.kuryr.docker;

/**
 * The engine could not be asked, or answered with an error. Messages read {@code failed to GET
 * <path>: <cause>}.
 */
public final class DockerEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its message. */
  public DockerEngineException(String message) {
    super(message);
  }

  /** Creates the exception with its message and the underlying cause. */
  public DockerEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
