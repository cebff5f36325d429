package org.openstack.kuryr.neutron.transport;

import java.util.Optional;

/**
 * An HTTP answer, whatever its status.
 *
 * @param status the HTTP status
 * @param body the body as text, empty when there was none
 * @param subjectToken Keystone's {@code X-Subject-Token} header, or {@code null}; a secret
 */
public record Response(int status, String body, String subjectToken) {
  /** Whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** Keystone's {@code X-Subject-Token}, when present. */
  public Optional<String> token() {
    return Optional.ofNullable(subjectToken);
  }

  @Override
  public String toString() {
    return "Response[status=" + status + ", body=" + body.length() + " chars]";
  }
}
