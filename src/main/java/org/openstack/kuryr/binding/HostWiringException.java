package org.openstack.kuryr.binding;

/**
 * A host command failed, or the host holds devices that conflict with the ones a port needs. The
 * cause, when there is one, is the failed command with its exit status and standard error.
 */
public final class HostWiringException extends BindingException {
  private static final long serialVersionUID = 1L;

  /** A failure with the given message and cause (may be null). */
  public HostWiringException(String message, Throwable cause) {
    super(message, cause);
  }
}
