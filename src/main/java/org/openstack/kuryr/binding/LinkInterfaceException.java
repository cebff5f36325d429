package org.openstack.kuryr.binding;

/**
 * Nested modes: the VM's network interface could not be determined (not configured, and no single
 * interface carries the VM port's MAC address).
 */
public final class LinkInterfaceException extends BindingException {
  private static final long serialVersionUID = 1L;

  /** A failure with the given message. */
  public LinkInterfaceException(String message) {
    super(message, null);
  }
}
