package org.openstack.kuryr.error;

/**
 * A failure that is neither the caller's fault nor a reachability problem, e.g. a host command that
 * failed or an unexpected Neutron answer.
 */
public final class InternalException extends KuryrException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure with its message. */
  public InternalException(String message) {
    super(message, null);
  }

  /** Creates the failure with its message and the underlying cause. */
  public InternalException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 500;
  }
}
