package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FakeHttpServer;
import org.openstack.kuryr.neutron.FakeHttpServer.Reply;
import org.openstack.kuryr.neutron.FakeKeystone;
import org.openstack.kuryr.neutron.MutableClock;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.auth.AuthSettings;
import org.openstack.kuryr.neutron.auth.Credentials;
import org.openstack.kuryr.neutron.auth.EndpointSelection;
import org.openstack.kuryr.neutron.auth.Secret;
import org.openstack.kuryr.neutron.transport.TlsSettings;

/** The client with a Keystone session: tokens sent, renewed, and replaced after a 401. */
class AuthenticatedClientTest {
  private static final String UNAUTHORIZED =
      "{\"error\": {\"message\": \"Authentication required\"}}";

  private final MutableClock clock = new MutableClock();
  private final FakeHttpServer neutron = FakeHttpServer.start();
  private final FakeKeystone keystone = new FakeKeystone(clock, neutron.uri());
  private final HttpNeutronClient client =
      HttpNeutronClient.builder(settings()).clock(clock).build();

  @AfterEach
  void stop() {
    client.close();
    keystone.close();
    neutron.close();
  }

  @Test
  void tokenFromKeystoneIsSentToTheCatalogsEndpoint() {
    neutron.enqueue(Reply.json(200, "{\"networks\": []}"));

    client.networks().list();

    var request = neutron.requests().getFirst();
    assertThat(request.header("X-Auth-Token")).isEqualTo("tok-1");
    assertThat(request.path()).isEqualTo("/v2.0/networks");
    assertThat(client.requestCounters().identity()).isEqualTo(1);
  }

  @Test
  void refusedTokenIsReplacedOnceAndTheRequestRepeated() {
    neutron.enqueue(
        Reply.json(401, UNAUTHORIZED), Reply.json(201, "{\"network\": {\"id\": \"N1\"}}"));

    var network = client.networks().create(NetworkRequest.builder().name("n").build());

    assertThat(network.id()).isEqualTo("N1");
    assertThat(neutron.requests())
        .extracting(r -> r.header("X-Auth-Token"))
        .containsExactly("tok-1", "tok-2");
    assertThat(neutron.requests().get(1).body()).isEqualTo("{\"network\":{\"name\":\"n\"}}");
  }

  @Test
  void tokenRefusedTwiceGivesUnauthorizedAfterOneReauthentication() {
    neutron.route(r -> Reply.json(401, UNAUTHORIZED));

    assertThatThrownBy(() -> client.networks().get("N1"))
        .isInstanceOf(NeutronException.Unauthorized.class)
        .hasMessage("failed to get network N1: Authentication required")
        .message()
        .doesNotContain("tok-");
    assertThat(keystone.issued()).isEqualTo(2);
    assertThat(neutron.requests()).hasSize(2);
  }

  @Test
  void expiringTokenIsRenewedBeforeTheNextRequest() {
    neutron.route(r -> Reply.json(200, "{\"networks\": []}"));
    client.networks().list();

    clock.advance(Duration.ofMinutes(58));
    client.networks().list();

    assertThat(neutron.requests())
        .extracting(r -> r.header("X-Auth-Token"))
        .containsExactly("tok-1", "tok-2");
  }

  private AuthSettings settings() {
    var credentials =
        new Credentials.Password(
            keystone.authUrl(),
            new Credentials.User(null, "kuryr", null, "Default"),
            new Secret("pw"),
            new Credentials.ProjectScope(null, "service", null, "Default"));
    return new AuthSettings(
        credentials, EndpointSelection.catalog(), TlsSettings.DEFAULT, Duration.ofSeconds(5));
  }
}
