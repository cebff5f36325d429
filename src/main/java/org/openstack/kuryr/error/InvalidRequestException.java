package org.openstack.kuryr.error;

/**
 * The request is malformed, incomplete or names something that does not exist; retrying it
 * unchanged fails again.
 */
public final class InvalidRequestException extends KuryrException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure with its message. */
  public InvalidRequestException(String message) {
    super(message, null);
  }

  /** Creates the failure with its message and the underlying cause. */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}
