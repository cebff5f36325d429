package org.openstack.kuryr.config;

/** The configuration cannot be read or is invalid; the message says where and why. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file, option and problem. */
  public ConfigException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
