package org.openstack.kuryr.neutron.auth;

import java.net.URI;
import java.util.Optional;

/**
 * Neutron without Keystone ({@code auth_strategy = noauth}): a fixed URL and no token. No {@code
 * X-Project-Id} is sent either: with it, Neutron's noauth middleware makes the request a non-admin
 * one, and admin-only attributes such as {@code binding:host_id} are refused. Immutable.
 */
final class NoAuthSession implements AuthSession {
  private final URI endpoint;

  NoAuthSession(URI endpoint) {
    this.endpoint = NeutronEndpoints.versioned(endpoint);
  }

  @Override
  public URI networkEndpoint() {
    return endpoint;
  }

  @Override
  public Optional<String> token() {
    return Optional.empty();
  }

  @Override
  public void tokenRejected(String token) {
    // There is no token to forget: a 401 without Keystone is final.
  }
}
