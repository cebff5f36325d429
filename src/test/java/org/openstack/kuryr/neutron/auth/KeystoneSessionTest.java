package org.openstack.kuryr.neutron.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FakeHttpServer.Reply;
import org.openstack.kuryr.neutron.FakeKeystone;
import org.openstack.kuryr.neutron.MutableClock;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.NeutronListener;
import org.openstack.kuryr.neutron.transport.HttpClients;
import org.openstack.kuryr.neutron.transport.HttpTransport;
import org.openstack.kuryr.neutron.transport.RetryPolicy;
import org.openstack.kuryr.neutron.transport.TlsSettings;

class KeystoneSessionTest {
  private static final URI NEUTRON = URI.create("http://neutron.invalid:9696");
  private static final RetryPolicy QUICK_RETRIES =
      new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

  private final MutableClock clock = new MutableClock();
  private final FakeKeystone keystone = new FakeKeystone(clock, NEUTRON);
  private final HttpTransport transport =
      new HttpTransport(
          HttpClients.create(TlsSettings.DEFAULT, Duration.ofSeconds(5)),
          RetryPolicy.NONE,
          Duration.ofSeconds(5),
          NeutronListener.NONE);

  @AfterEach
  void stop() {
    transport.close();
    keystone.close();
  }

  @Test
  void tokenIsIssuedOnceAndShared() {
    AuthSession session = open(password());

    assertThat(session.token()).contains("tok-1");
    assertThat(session.token()).contains("tok-1");
    assertThat(session.networkEndpoint()).isEqualTo(URI.create(NEUTRON + "/v2.0/"));
    assertThat(keystone.issued()).isEqualTo(1);
  }

  @Test
  void tokenIsRenewedTheMarginAheadOfItsExpiry() {
    AuthSession session = open(password());
    session.token();

    clock.advance(Duration.ofMinutes(54));
    assertThat(session.token()).contains("tok-1");
    clock.advance(Duration.ofMinutes(2));
    assertThat(session.token()).contains("tok-2");
  }

  @Test
  void shortLivedTokenIsRenewedAtHalfItsLifetime() {
    keystone.lifetime(Duration.ofMinutes(4));
    AuthSession session = open(password());
    session.token();

    clock.advance(Duration.ofSeconds(110));
    assertThat(session.token()).contains("tok-1");
    clock.advance(Duration.ofSeconds(20));
    assertThat(session.token()).contains("tok-2");
  }

  @Test
  void tokenIsUsedUntilExpiryWhileKeystoneCannotRenewIt() {
    AuthSession session = open(password());
    session.token();
    keystone.server().enqueue(Reply.json(503, "{}"), Reply.json(503, "{}"));

    clock.advance(Duration.ofMinutes(57));
    assertThat(session.token()).contains("tok-1");
    clock.advance(Duration.ofMinutes(4));
    assertThatThrownBy(session::token).isInstanceOf(NeutronException.Unavailable.class);
  }

  @Test
  void tokenRequestIsRepeatedAfterTheConnectionDrops() {
    keystone.server().enqueue(Reply.drop());
    AuthSession session = open(password(), EndpointSelection.catalog(), QUICK_RETRIES);

    assertThat(session.token()).contains("tok-1");
    assertThat(keystone.server().requests()).hasSize(2);
  }

  @Test
  void rejectedTokenIsReplacedAndAStaleRejectionIgnored() {
    AuthSession session = open(password());
    session.token();

    session.tokenRejected("tok-1");
    assertThat(session.token()).contains("tok-2");
    session.tokenRejected("tok-1");
    assertThat(session.token()).contains("tok-2");
    assertThat(keystone.issued()).isEqualTo(2);
  }

  @Test
  void passwordRequestNamesUserAndProjectWithTheirDomains() {
    open(password()).token();

    assertThat(keystone.server().requests().getFirst().body())
        .isEqualTo(
            "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":"
                + "{\"name\":\"kuryr\",\"domain\":{\"name\":\"Default\"},\"password\":\"pw-1\"}}},"
                + "\"scope\":{\"project\":{\"name\":\"service\","
                + "\"domain\":{\"id\":\"default\"}}}}}");
  }

  @Test
  void applicationCredentialRequestCarriesNoScope() {
    open(new Credentials.ApplicationCredential(
            keystone.authUrl(), "AC1", null, null, new Secret("s3")))
        .token();

    assertThat(keystone.server().requests().getFirst().body())
        .isEqualTo(
            "{\"auth\":{\"identity\":{\"methods\":[\"application_credential\"],"
                + "\"application_credential\":{\"id\":\"AC1\",\"secret\":\"s3\"}}}}");
  }

  @Test
  void applicationCredentialByNameNamesItsUser() {
    var user = new Credentials.User(null, "kuryr", null, "Default");
    open(new Credentials.ApplicationCredential(
            keystone.authUrl(), null, "ac", user, new Secret("s")))
        .token();

    assertThat(keystone.server().requests().getFirst().body())
        .contains(
            "\"application_credential\":{\"name\":\"ac\",\"user\":{\"name\":\"kuryr\","
                + "\"domain\":{\"name\":\"Default\"}},\"secret\":\"s\"}");
  }

  @Test
  void tokenMethodExchangesTheGivenTokenForAScopedOne() {
    var scope = new Credentials.ProjectScope("P1", null, null, null);
    open(new Credentials.Token(keystone.authUrl(), new Secret("given"), scope)).token();

    assertThat(keystone.server().requests().getFirst().body())
        .isEqualTo(
            "{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":\"given\"}},"
                + "\"scope\":{\"project\":{\"id\":\"P1\"}}}}");
  }

  @Test
  void authUrlWithoutVersionGetsV3() {
    var credentials =
        new Credentials.Password(
            URI.create(keystone.server().uri() + "/"),
            new Credentials.User("U1", null, null, null),
            new Secret("pw"),
            new Credentials.ProjectScope("P1", null, null, null));

    open(credentials).token();

    assertThat(keystone.server().requests().getFirst().path()).isEqualTo("/v3/auth/tokens");
  }

  @Test
  void refusedCredentialsGiveUnauthorizedWithoutTheSecret() {
    keystone
        .server()
        .enqueue(
            Reply.json(
                401,
                "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\":"
                    + " \"The request you have made requires authentication.\"}}"));

    assertThatThrownBy(() -> open(password()).token())
        .isInstanceOf(NeutronException.Unauthorized.class)
        .hasMessage(
            "failed to get Keystone token for user kuryr in domain Default: The request you have"
                + " made requires authentication.")
        .message()
        .doesNotContain("pw-1");
  }

  @Test
  void unknownTokenIsRefusedCredentialsAndItsValueStaysOutOfTheMessage() {
    keystone
        .server()
        .enqueue(
            Reply.json(
                404,
                "{\"error\": {\"code\": 404, \"title\": \"Not Found\","
                    + " \"message\": \"Could not find token: given-123.\"}}"));
    var scope = new Credentials.ProjectScope("P1", null, null, null);

    assertThatThrownBy(
            () ->
                open(new Credentials.Token(keystone.authUrl(), new Secret("given-123"), scope))
                    .token())
        .isInstanceOf(NeutronException.Unauthorized.class)
        .hasMessage(
            "failed to get Keystone token for the configured token: Could not find token: ****.");
  }

  @Test
  void internalEndpointIsTakenFromTheCatalogWithItsVersion() {
    var selection =
        new EndpointSelection(null, "RegionOne", EndpointSelection.Interface.parse("internalURL"));

    AuthSession session = open(password(), selection);

    assertThat(session.networkEndpoint()).isEqualTo(URI.create(NEUTRON + "/v2.0/"));
  }

  @Test
  void missingRegionIsReportedWithWhatTheCatalogHas() {
    var selection = new EndpointSelection(null, "RegionTwo", EndpointSelection.Interface.PUBLIC);

    assertThatThrownBy(() -> open(password(), selection).networkEndpoint())
        .isInstanceOf(NeutronException.Unavailable.class)
        .hasMessageContaining(
            "no public in RegionTwo network endpoint, only: [admin in RegionOne,");
  }

  @Test
  void endpointOverrideWinsOverTheCatalog() {
    var selection =
        new EndpointSelection(
            URI.create("http://other:9696/networking"), null, EndpointSelection.Interface.PUBLIC);

    assertThat(open(password(), selection).networkEndpoint())
        .isEqualTo(URI.create("http://other:9696/networking/v2.0/"));
  }

  @Test
  void noauthSessionHasNoTokenAndAVersionedEndpoint() {
    var settings =
        new AuthSettings(
            new Credentials.None(),
            EndpointSelection.fixed(URI.create("http://127.0.0.1:9696/")),
            TlsSettings.DEFAULT,
            Duration.ofSeconds(1));

    AuthSession session = AuthSessions.open(settings, transport, clock);

    assertThat(session.token()).isEmpty();
    assertThat(session.networkEndpoint()).isEqualTo(URI.create("http://127.0.0.1:9696/v2.0/"));
  }

  @Test
  void settingsNeverPrintSecrets() {
    var settings =
        new AuthSettings(
            password(), EndpointSelection.catalog(), TlsSettings.DEFAULT, Duration.ofSeconds(1));
    var appCredential =
        new Credentials.ApplicationCredential(
            keystone.authUrl(), "AC1", null, null, new Secret("app-secret"));
    var token = new Credentials.Token(keystone.authUrl(), new Secret("tok-secret"), scope());

    assertThat(settings.toString()).contains("kuryr").contains("****").doesNotContain("pw-1");
    assertThat(List.of(appCredential.toString(), token.toString()))
        .allSatisfy(
            text -> assertThat(text).contains("****").doesNotContain("app-secret", "tok-secret"));
  }

  @Test
  void incompleteCredentialsAreRefusedWithTheMissingOptions() {
    assertThatThrownBy(
            () ->
                new Credentials.Password(
                    keystone.authUrl(),
                    new Credentials.User(null, "kuryr", null, null),
                    new Secret("x"),
                    scope()))
        .hasMessageContaining("user_domain_name");
    assertThatThrownBy(
            () ->
                new Credentials.ApplicationCredential(
                    keystone.authUrl(), null, "name-only", null, new Secret("x")))
        .hasMessageContaining("application_credential_id");
  }

  private AuthSession open(Credentials credentials) {
    return open(credentials, EndpointSelection.catalog());
  }

  private AuthSession open(Credentials credentials, EndpointSelection selection) {
    var settings =
        new AuthSettings(credentials, selection, TlsSettings.DEFAULT, Duration.ofSeconds(5));
    return AuthSessions.open(settings, transport, clock);
  }

  private AuthSession open(
      Credentials credentials, EndpointSelection selection, RetryPolicy retryPolicy) {
    var retrying =
        new HttpTransport(
            HttpClients.create(TlsSettings.DEFAULT, Duration.ofSeconds(5)),
            retryPolicy,
            Duration.ofSeconds(5),
            NeutronListener.NONE);
    var settings =
        new AuthSettings(credentials, selection, TlsSettings.DEFAULT, Duration.ofSeconds(5));
    return AuthSessions.open(settings, retrying, clock);
  }

  private Credentials.Password password() {
    return new Credentials.Password(
        keystone.authUrl(),
        new Credentials.User(null, "kuryr", null, "Default"),
        new Secret("pw-1"),
        scope());
  }

  private static Credentials.ProjectScope scope() {
    return new Credentials.ProjectScope(null, "service", "default", null);
  }
}
