package org.openstack.kuryr.neutron.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.transport.ErrorBody;
import org.openstack.kuryr.neutron.transport.Exchange;
import org.openstack.kuryr.neutron.transport.HttpTransport;
import org.openstack.kuryr.neutron.transport.Json;
import org.openstack.kuryr.neutron.transport.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Keystone v3 session: one token shared by all requests, issued on first use, renewed a margin
 * ahead of its expiry, and issued again after Neutron refused it. When Keystone cannot be reached
 * at renewal time, the current token is used until it actually expires.
 *
 * <p>Thread-safe: one thread authenticates while the others wait for its token.
 */
final class KeystoneSession implements AuthSession {
  private static final Logger LOG = Logger.getLogger(KeystoneSession.class.getName());

  private final Credentials credentials;
  private final EndpointSelection endpoint;
  private final HttpTransport transport;
  private final Clock clock;
  private final Duration renewalMargin;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile IssuedToken current;

  /** A token with when to renew it and the Neutron URL its catalog gives. */
  private record IssuedToken(String value, Instant renewAt, Instant expiresAt, URI network) {}

  KeystoneSession(
      Credentials credentials,
      EndpointSelection endpoint,
      HttpTransport transport,
      Clock clock,
      Duration renewalMargin) {
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.transport = transport;
    this.clock = clock;
    this.renewalMargin = renewalMargin;
  }

  @Override
  public URI networkEndpoint() {
    return valid().network();
  }

  @Override
  public Optional<String> token() {
    return Optional.of(valid().value());
  }

  @Override
  public void tokenRejected(String token) {
    lock.lock();
    try {
      IssuedToken held = current;
      if (held != null && held.value().equals(token)) {
        LOG.info("Neutron refused the Keystone token; authenticating again");
        current = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private IssuedToken valid() {
    IssuedToken token = current;
    if (token != null && clock.instant().isBefore(token.renewAt())) {
      return token;
    }
    lock.lock();
    try {
      return renewIfStale();
    } finally {
      lock.unlock();
    }
  }

  private IssuedToken renewIfStale() {
    IssuedToken token = current;
    Instant now = clock.instant();
    if (token != null && now.isBefore(token.renewAt())) {
      return token;
    }
    try {
      current = authenticate();
      return current;
    } catch (NeutronException.Unavailable e) {
      if (token != null && now.isBefore(token.expiresAt())) {
        LOG.warning(() -> "cannot renew the Keystone token yet, using it until expiry: " + e);
        return token;
      }
      throw e;
    }
  }

  private IssuedToken authenticate() {
    Exchange exchange = exchange();
    Response response = transport.send(exchange);
    if (!response.isSuccess()) {
      throw refused(exchange, response);
    }
    String value =
        response.token().orElseThrow(() -> malformed(exchange, "no X-Subject-Token header"));
    IssuedToken token = read(exchange, value, response.body());
    LOG.fine(() -> "Keystone token issued for " + principal() + ", expires " + token.expiresAt());
    return token;
  }

  private Exchange exchange() {
    return new Exchange(
        "identity",
        "POST",
        KeystoneRequests.tokensUrl(authUrl()),
        Map.of(),
        Json.write(KeystoneRequests.body(credentials)),
        "tokens",
        "get",
        "Keystone token for " + principal(),
        null,
        true);
  }

  private IssuedToken read(Exchange exchange, String value, String body) {
    try {
      JsonNode token = Json.parse(body).path("token");
      Instant expiresAt = Instant.parse(token.path("expires_at").asString());
      Instant issuedAt = issuedAt(token);
      return new IssuedToken(value, renewAt(issuedAt, expiresAt), expiresAt, network(token));
    } catch (JacksonException | DateTimeParseException e) {
      throw malformed(exchange, "unreadable token: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw malformed(exchange, e.getMessage());
    }
  }

  private Instant issuedAt(JsonNode token) {
    String issued = token.path("issued_at").asString("");
    return issued.isEmpty() ? clock.instant() : Instant.parse(issued);
  }

  // A short-lived token is renewed at half its lifetime, so it is never renewed on every use.
  private Instant renewAt(Instant issuedAt, Instant expiresAt) {
    Duration half = Duration.between(issuedAt, expiresAt).dividedBy(2);
    return expiresAt.minus(half.compareTo(renewalMargin) < 0 ? half : renewalMargin);
  }

  private URI network(JsonNode token) {
    if (endpoint.override() != null) {
      return NeutronEndpoints.versioned(endpoint.override());
    }
    JsonNode catalog = token.path("catalog");
    if (!catalog.isArray()) {
      throw new IllegalArgumentException(
          "the token has no catalog: scope it to a project, or set endpoint_override");
    }
    return NeutronEndpoints.versioned(Catalog.networkEndpoint(catalog, endpoint));
  }

  // Keystone answers 404 for an unknown token or application credential, and names the token in
  // its message: for the caller both are refused credentials, and no secret may reach a message.
  private NeutronException refused(Exchange exchange, Response response) {
    ErrorBody body = ErrorBody.parse(response.status(), response.body());
    var failure =
        new NeutronException.Failure(
            exchange.verb(),
            exchange.resourceName(),
            null,
            response.status(),
            body.type(),
            redact(body.reason()));
    if (response.status() == 404) {
      return new NeutronException.Unauthorized(failure);
    }
    return NeutronException.fromResponse(failure);
  }

  private String redact(String reason) {
    String secret =
        switch (credentials) {
          case Credentials.Password p -> p.password().value();
          case Credentials.ApplicationCredential a -> a.secret().value();
          case Credentials.Token t -> t.token().value();
          case Credentials.None n -> null;
        };
    return secret == null || secret.isEmpty() ? reason : reason.replace(secret, "****");
  }

  private NeutronException.Unavailable malformed(Exchange exchange, String reason) {
    var failure =
        new NeutronException.Failure(
            exchange.verb(), exchange.resourceName(), null, 201, null, reason);
    return new NeutronException.Unavailable(failure, false, null);
  }

  private String principal() {
    return KeystoneRequests.principal(credentials);
  }

  private URI authUrl() {
    return switch (credentials) {
      case Credentials.Password p -> p.authUrl();
      case Credentials.ApplicationCredential a -> a.authUrl();
      case Credentials.Token t -> t.authUrl();
      case Credentials.None n -> throw new IllegalStateException("noauth has no Keystone");
    };
  }
}
