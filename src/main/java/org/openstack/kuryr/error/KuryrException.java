package org.openstack.kuryr.error;

/**
 * The closed set of failures the daemon reports to its callers. Each kind has one fixed HTTP
 * status, so a caller's reply never depends on a status Neutron or a host command returned.
 * Messages read {@code failed to <verb> <object> <id>: <cause>} and say what to do where there is
 * something to do.
 */
public abstract sealed class KuryrException extends RuntimeException
    permits InvalidRequestException,
        ConflictException,
        UnavailableException,
        NotReadyException,
        InternalException {
  private static final long serialVersionUID = 1L;

  KuryrException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The HTTP status this failure is reported with. */
  public abstract int httpStatus();
}
