package org.openstack.kuryr.error;

/**
 * The request conflicts with the state of Neutron or the host, e.g. an address already in use or a
 * network still in use.
 */
public final class ConflictException extends KuryrException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure with its message. */
  public ConflictException(String message) {
    super(message, null);
  }

  /** Creates the failure with its message and the underlying cause. */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 409;
  }
}
