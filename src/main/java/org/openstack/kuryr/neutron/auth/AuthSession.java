package org.openstack.kuryr.neutron.auth;

import java.net.URI;
import java.util.Optional;

/**
 * A source of tokens and of Neutron's URL. Implementations are thread-safe: a token is shared by
 * concurrent requests and renewed by one of them.
 */
public interface AuthSession {
  /**
   * Neutron's base URL, ending in {@code /v2.0/}. May authenticate first, to read the catalog.
   *
   * @throws org.openstack.kuryr.neutron.NeutronException when authentication fails
   */
  URI networkEndpoint();

  /**
   * The token to send as {@code X-Auth-Token}, renewed ahead of its expiry; empty when Neutron runs
   * without authentication.
   *
   * @throws org.openstack.kuryr.neutron.NeutronException when authentication fails
   */
  Optional<String> token();

  /**
   * Neutron refused this token (401): forget it, so that the next {@link #token()} authenticates
   * again. A token that is no longer the current one is ignored, so concurrent refusals cause one
   * new authentication, not many.
   */
  void tokenRejected(String token);
}
