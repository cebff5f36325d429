package org.openstack.kuryr.binding;

/**
 * Why wiring a port into this host failed. The set of subtypes is closed, so that callers can map
 * each one to their own error without a default case.
 *
 * <p>Messages read {@code failed to <verb> <object> <id>: <cause>}.
 */
public abstract sealed class BindingException extends RuntimeException
    permits UnsupportedVifTypeException, HostWiringException, LinkInterfaceException {
  private static final long serialVersionUID = 1L;

  BindingException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * {@code failure} itself if it is a binding exception, otherwise a {@link HostWiringException}
   * that says what failed and keeps {@code failure} as its cause.
   *
   * @param action what was being done, e.g. {@code plug port}
   * @param id the ID of the object acted on
   */
  public static BindingException wrap(String action, String id, RuntimeException failure) {
    if (failure instanceof BindingException bindingFailure) {
      return bindingFailure;
    }
    return new HostWiringException(
        "failed to " + action + " " + id + ": " + failure.getMessage(), failure);
  }
}
