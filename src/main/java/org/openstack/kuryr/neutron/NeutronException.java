package org.openstack.kuryr.neutron;

import java.io.Serializable;
import java.util.Objects;

/**
 * A Neutron or Keystone request failed. The hierarchy is closed: callers switch over the seven
 * kinds below instead of over HTTP status codes, and a status code never leaks further up.
 *
 * <p>Messages read {@code failed to <verb> <resource> <id>: <reason>}, start lower-case and keep
 * the server's reason. They never contain tokens, passwords or secrets. Instances are immutable.
 */
public abstract sealed class NeutronException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Failure failure;

  private NeutronException(Failure failure, Throwable cause) {
    super(failure.message(), cause);
    this.failure = failure;
  }

  /**
   * What failed and why.
   *
   * @param verb what was attempted, e.g. {@code create}, {@code list}, {@code add tag to}
   * @param resource what it was attempted on, e.g. {@code port}, {@code Keystone token}
   * @param resourceId the id of the resource, or {@code null} when there is none yet (create, list)
   * @param httpStatus the HTTP status of the answer, or 0 when no answer came
   * @param neutronType the {@code NeutronError.type}, e.g. {@code IpAddressAlreadyAllocated}, or
   *     {@code null} when the body had none
   * @param reason the server's message or the transport's, never {@code null}
   */
  public record Failure(
      String verb,
      String resource,
      String resourceId,
      int httpStatus,
      String neutronType,
      String reason)
      implements Serializable {

    /** Validates the required parts. */
    public Failure {
      Objects.requireNonNull(verb, "verb");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(reason, "reason");
    }

    /** The exception message: {@code failed to <verb> <resource> <id>: <reason>}. */
    public String message() {
      String subject = resourceId == null ? resource : resource + " " + resourceId;
      return "failed to " + verb + " " + subject + ": " + reason;
    }
  }

  /**
   * The exception for an HTTP error answer: the one place where statuses and Neutron error types
   * become exception kinds.
   */
  public static NeutronException fromResponse(Failure failure) {
    int status = failure.httpStatus();
    if (status == 409 && isQuotaType(failure.neutronType())) {
      return new OverQuota(failure);
    }
    return switch (status) {
      case 401 -> new Unauthorized(failure);
      case 403 -> new Forbidden(failure);
      case 404 -> new NotFound(failure);
      case 409, 412 -> new Conflict(failure);
      default -> status >= 400 && status < 500 ? new BadRequest(failure) : unavailable(failure);
    };
  }

  private static Unavailable unavailable(Failure failure) {
    return new Unavailable(failure, true, null);
  }

  private static boolean isQuotaType(String neutronType) {
    return neutronType != null && neutronType.contains("Quota");
  }

  /** What failed and why. */
  public Failure failure() {
    return failure;
  }

  /** The HTTP status of the answer, or 0 when no answer came. */
  public int httpStatus() {
    return failure.httpStatus();
  }

  /** Neutron's error type (e.g. {@code SubnetInUse}), or {@code null} when none was given. */
  public String neutronType() {
    return failure.neutronType();
  }

  /** The resource does not exist (HTTP 404). */
  public static final class NotFound extends NeutronException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public NotFound(Failure failure) {
      super(failure, null);
    }
  }

  /**
   * The request conflicts with the resource's state (HTTP 409, or 412 when an expected revision did
   * not match). {@link #neutronType()} tells which conflict, e.g. {@code
   * IpAddressAlreadyAllocated}, {@code SubnetInUse}, {@code PortInUse}, {@code
   * IpAddressGenerationFailure}.
   */
  public static final class Conflict extends NeutronException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public Conflict(Failure failure) {
      super(failure, null);
    }

    /** Whether an update carrying an expected revision lost a race with another writer. */
    public boolean isRevisionMismatch() {
      return httpStatus() == 412;
    }
  }

  /** A quota of the project would be exceeded (HTTP 409 with a quota error type). */
  public static final class OverQuota extends NeutronException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public OverQuota(Failure failure) {
      super(failure, null);
    }
  }

  /** Neutron rejected the request as invalid (HTTP 400 and other 4xx not listed here). */
  public static final class BadRequest extends NeutronException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public BadRequest(Failure failure) {
      super(failure, null);
    }
  }

  /**
   * The credentials or the token were refused (HTTP 401), after one fresh authentication when a
   * token had been cached.
   */
  public static final class Unauthorized extends NeutronException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public Unauthorized(Failure failure) {
      super(failure, null);
    }
  }

  /** Policy forbids the request for these credentials (HTTP 403). */
  public static final class Forbidden extends NeutronException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public Forbidden(Failure failure) {
      super(failure, null);
    }
  }

  /**
   * The server could not be reached or did not answer usefully: connection refused or reset, a
   * timeout, a 5xx answer after the allowed retries, or an answer that could not be read.
   */
  public static final class Unavailable extends NeutronException {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveBeenApplied;

    /**
     * Creates the exception.
     *
     * @param mayHaveBeenApplied whether the server may have carried out the request (it was sent,
     *     and no answer proves otherwise)
     * @param cause the transport's exception, or {@code null}
     */
    public Unavailable(Failure failure, boolean mayHaveBeenApplied, Throwable cause) {
      super(failure, cause);
      this.mayHaveBeenApplied = mayHaveBeenApplied;
    }

    /**
     * Whether the server may have carried out the request anyway. After a failed create this means
     * a resource may exist: look it up (by tag or name) before creating it again.
     */
    public boolean mayHaveBeenApplied() {
      return mayHaveBeenApplied;
    }
  }
}
