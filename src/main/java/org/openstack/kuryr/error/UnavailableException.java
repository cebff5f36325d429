package org.openstack.kuryr.error;

/** Neutron (or Keystone) cannot be reached or keeps failing; the request can be retried later. */
public final class UnavailableException extends KuryrException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure with its message. */
  public UnavailableException(String message) {
    super(message, null);
  }

  /** Creates the failure with its message and the underlying cause. */
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 503;
  }
}
