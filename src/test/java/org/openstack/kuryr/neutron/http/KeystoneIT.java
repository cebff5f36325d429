package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.NeutronListener;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.auth.AuthSession;
import org.openstack.kuryr.neutron.auth.AuthSessions;
import org.openstack.kuryr.neutron.auth.AuthSettings;
import org.openstack.kuryr.neutron.auth.Credentials;
import org.openstack.kuryr.neutron.auth.EndpointSelection;
import org.openstack.kuryr.neutron.auth.Secret;
import org.openstack.kuryr.neutron.transport.HttpClients;
import org.openstack.kuryr.neutron.transport.HttpTransport;
import org.openstack.kuryr.neutron.transport.RetryPolicy;
import org.openstack.kuryr.neutron.transport.TlsSettings;

/** The client against the bed's Keystone and the Neutron that checks its tokens. */
class KeystoneIT {
  private final String prefix = TestBed.uniquePrefix();
  private final Undo undo = new Undo();
  private final KeystoneAdmin admin = new KeystoneAdmin();

  @AfterEach
  void cleanUp() {
    try {
      undo.close();
    } finally {
      admin.close();
    }
  }

  @Test
  void passwordCredentialsFindNeutronInTheCatalogAndWork() {
    HttpNeutronClient client = client(TestBed.admin());
    Network network = network(client);

    assertThat(client.networks().get(network.id()).projectId())
        .isEqualTo(admin.projectId(TestBed.ADMIN));
    assertThat(client.requestCounters().identity()).isEqualTo(1);
  }

  // Neutron's keystonemiddleware caches tokens it validated, so the token is revoked before
  // Neutron first sees it: the revocation then shows on the very next call.
  @Test
  void revokedTokenIsReplacedAndTheCallSucceeds() {
    var lastToken = new AtomicReference<String>();
    AuthSettings settings = TestBed.admin();
    HttpTransport transport = transport(settings);
    AuthSession session =
        recording(AuthSessions.open(settings, transport, Clock.systemUTC()), lastToken);
    HttpNeutronClient client =
        undo.push(HttpNeutronClient.of(transport, session), transport::close);
    String revoked = session.token().orElseThrow();
    admin.revoke(revoked);

    assertThat(client.networks().list(Query.tagged(prefix))).isEmpty();
    assertThat(lastToken.get()).isNotEqualTo(revoked);
  }

  @Test
  void applicationCredentialCreatedHereAuthenticates() {
    Map.Entry<String, String> credential = admin.createApplicationCredential(prefix);
    undo.push(credential, () -> admin.deleteApplicationCredential(credential.getKey()));
    var settings =
        new AuthSettings(
            new Credentials.ApplicationCredential(
                URI.create(TestBed.KEYSTONE + "/v3"),
                credential.getKey(),
                null,
                null,
                new Secret(credential.getValue())),
            EndpointSelection.catalog(),
            TlsSettings.DEFAULT,
            TestBed.TIMEOUT);

    assertThat(client(settings).networks().list(Query.tagged(prefix))).isEmpty();
  }

  @Test
  void requestWithoutTokenIsUnauthorized() {
    var settings =
        new AuthSettings(
            new Credentials.None(),
            EndpointSelection.fixed(TestBed.NEUTRON_KEYSTONE),
            TlsSettings.DEFAULT,
            TestBed.TIMEOUT);

    HttpNeutronClient client = client(settings);

    assertThatThrownBy(() -> client.networks().list())
        .isInstanceOf(NeutronException.Unauthorized.class)
        .hasMessageStartingWith("failed to list networks: ");
  }

  @Test
  void badTokenIsUnauthorizedAndNotShown() {
    var settings =
        new AuthSettings(
            new Credentials.Token(
                URI.create(TestBed.KEYSTONE + "/v3"),
                new Secret("bogus-" + prefix),
                new Credentials.ProjectScope(null, TestBed.ADMIN, null, TestBed.DOMAIN)),
            EndpointSelection.catalog(),
            TlsSettings.DEFAULT,
            TestBed.TIMEOUT);

    HttpNeutronClient client = client(settings);

    assertThatThrownBy(() -> client.networks().list())
        .isInstanceOf(NeutronException.Unauthorized.class)
        .message()
        .doesNotContain("bogus-" + prefix);
  }

  @Test
  void wrongPasswordIsUnauthorized() {
    HttpNeutronClient client =
        client(TestBed.password(TestBed.ADMIN, "wrong-" + prefix, TestBed.ADMIN));

    assertThatThrownBy(() -> client.networks().list())
        .isInstanceOf(NeutronException.Unauthorized.class)
        .message()
        .startsWith("failed to get Keystone token for user admin in domain Default: ")
        .doesNotContain("wrong-" + prefix);
  }

  @Test
  void nonAdminUserSettingTheBindingHostIsForbidden() {
    String password = "pw-" + prefix;
    String userId = admin.createUser(prefix, password);
    undo.push(userId, () -> admin.deleteUser(userId));
    admin.grantRole(admin.projectId(TestBed.ADMIN), userId, "member");

    HttpNeutronClient member = client(TestBed.password(prefix, password, TestBed.ADMIN));
    Network network = network(client(TestBed.admin()));
    var request = PortRequest.builder().networkId(network.id()).bindingHostId("somewhere").build();

    assertThatThrownBy(() -> member.ports().create(request))
        .isInstanceOfSatisfying(
            NeutronException.Forbidden.class,
            e -> assertThat(e.getMessage()).startsWith("failed to create port: "));
  }

  @Test
  void catalogEndpointIsTheTokenCheckingNeutron() {
    AuthSettings settings = TestBed.admin();
    HttpTransport transport = transport(settings);
    try (transport) {
      AuthSession session = AuthSessions.open(settings, transport, Clock.systemUTC());
      assertThat(session.networkEndpoint())
          .isEqualTo(URI.create(TestBed.NEUTRON_KEYSTONE + "/v2.0/"));
    }
  }

  private static HttpTransport transport(AuthSettings settings) {
    return new HttpTransport(
        HttpClients.create(TlsSettings.DEFAULT, settings.requestTimeout()),
        RetryPolicy.DEFAULT,
        settings.requestTimeout(),
        NeutronListener.NONE);
  }

  /** A client closed after the test's resources are deleted. */
  private HttpNeutronClient client(AuthSettings settings) {
    HttpNeutronClient client = HttpNeutronClient.builder(settings).build();
    return undo.push(client, client::close);
  }

  private Network network(HttpNeutronClient client) {
    Network network =
        client
            .networks()
            .create(NetworkRequest.builder().name(prefix + "-net").tags(List.of(prefix)).build());
    return undo.push(network, () -> client.networks().delete(network.id()));
  }

  private static AuthSession recording(AuthSession session, AtomicReference<String> lastToken) {
    return new AuthSession() {
      @Override
      public URI networkEndpoint() {
        return session.networkEndpoint();
      }

      @Override
      public Optional<String> token() {
        Optional<String> token = session.token();
        token.ifPresent(lastToken::set);
        return token;
      }

      @Override
      public void tokenRejected(String token) {
        session.tokenRejected(token);
      }
    };
  }
}
