package org.openstack.kuryr.neutron;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.openstack.kuryr.neutron.FakeHttpServer.Recorded;
import org.openstack.kuryr.neutron.FakeHttpServer.Reply;

/**
 * A Keystone v3 stand-in: issues tokens {@code tok-1}, {@code tok-2}, ... valid for a given
 * lifetime from the clock's now, with a catalog naming the given Neutron URL as the public and
 * internal network endpoints of RegionOne. Thread-safe.
 */
public final class FakeKeystone implements AutoCloseable {
  private final FakeHttpServer server = FakeHttpServer.start();
  private final AtomicInteger issued = new AtomicInteger();
  private final Clock clock;
  private final URI neutron;
  private volatile Duration lifetime = Duration.ofHours(1);

  public FakeKeystone(Clock clock, URI neutron) {
    this.clock = clock;
    this.neutron = neutron;
    server.route(this::answer);
  }

  /** Keystone's URL with {@code /v3}. */
  public URI authUrl() {
    return URI.create(server.uri() + "/v3");
  }

  public FakeHttpServer server() {
    return server;
  }

  /** Tokens issued from now on live this long. */
  public void lifetime(Duration tokenLifetime) {
    this.lifetime = tokenLifetime;
  }

  /** Tokens issued so far. */
  public int issued() {
    return issued.get();
  }

  @Override
  public void close() {
    server.close();
  }

  private Reply answer(Recorded request) {
    if (!request.method().equals("POST") || !request.path().equals("/v3/auth/tokens")) {
      return Reply.json(404, "{\"error\": {\"code\": 404, \"message\": \"no such path\"}}");
    }
    Instant now = clock.instant();
    String body =
        """
        {"token": {"issued_at": "%s", "expires_at": "%s", "catalog": [
          {"type": "identity", "endpoints": [{"interface": "public", "region_id": "RegionOne",
            "url": "http://keystone.invalid"}]},
          {"type": "network", "name": "neutron", "endpoints": [
            {"interface": "admin", "region_id": "RegionOne", "url": "http://admin.invalid:9696"},
            {"interface": "public", "region_id": "RegionOne", "url": "%s"},
            {"interface": "internal", "region_id": "RegionOne", "url": "%s/v2.0"}]}]}}
        """
            .formatted(now, now.plus(lifetime), neutron, neutron);
    return Reply.json(201, body).withHeader("X-Subject-Token", "tok-" + issued.incrementAndGet());
  }
}
