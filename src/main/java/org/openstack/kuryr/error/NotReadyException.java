package org.openstack.kuryr.error;

/** A wait ran out, e.g. a container's port did not start carrying traffic in time. */
public final class NotReadyException extends KuryrException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure with its message. */
  public NotReadyException(String message) {
    super(message, null);
  }

  /** Creates the failure with its message and the underlying cause. */
  public NotReadyException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 504;
  }
}
