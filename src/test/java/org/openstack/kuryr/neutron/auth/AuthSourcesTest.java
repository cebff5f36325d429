package org.openstack.kuryr.neutron.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthSourcesTest {
  private static final Map<String, String> CONF =
      Map.of(
          "auth_type", "password",
          "auth_url", "http://conf:5000/v3",
          "username", "conf-user",
          "password", "conf-pw",
          "user_domain_name", "Default",
          "project_name", "conf-project",
          "project_domain_name", "Default",
          "region_name", "conf-region");

  @TempDir Path dir;

  @Test
  void kuryrConfAloneGivesPasswordCredentials() {
    AuthSettings settings =
        AuthSources.of(Map.of(), CONF).withCloudsSearchPath(List.of()).resolve();

    var password = (Credentials.Password) settings.credentials();
    assertThat(password.authUrl()).isEqualTo(URI.create("http://conf:5000/v3"));
    assertThat(password.user()).isEqualTo(new Credentials.User(null, "conf-user", null, "Default"));
    assertThat(password.password().value()).isEqualTo("conf-pw");
    assertThat(settings.endpoint().regionName()).isEqualTo("conf-region");
    assertThat(settings.endpoint().endpointInterface())
        .isEqualTo(EndpointSelection.Interface.PUBLIC);
    assertThat(settings.requestTimeout()).isEqualTo(AuthSources.DEFAULT_TIMEOUT);
  }

  @Test
  void environmentWinsOverCloudsYamlWhichWinsOverKuryrConfOptionByOption() throws IOException {
    writeClouds(
        """
        clouds:
          bed:
            region_name: cloud-region
            interface: internal
            auth:
              auth_url: http://cloud:5000
              username: cloud-user
        """);
    var environment = Map.of("OS_CLOUD", "bed", "OS_USERNAME", "env-user");

    AuthSettings settings = sources(environment).resolve();

    var password = (Credentials.Password) settings.credentials();
    assertThat(password.user().name()).isEqualTo("env-user");
    assertThat(password.authUrl()).isEqualTo(URI.create("http://cloud:5000"));
    assertThat(password.password().value()).isEqualTo("conf-pw");
    assertThat(settings.endpoint().regionName()).isEqualTo("cloud-region");
    assertThat(settings.endpoint().endpointInterface())
        .isEqualTo(EndpointSelection.Interface.INTERNAL);
  }

  @Test
  void cloudsYamlTlsAndTimeoutKeysAreTranslated() throws IOException {
    writeClouds(
        """
        clouds:
          bed:
            verify: false
            cacert: /etc/ca.pem
            cert: /etc/client.pem
            key: /etc/client.key
            api_timeout: 12.5
            network_endpoint_override: http://neutron:9696
        """);

    AuthSettings settings = sources(Map.of("OS_CLOUD", "bed")).resolve();

    assertThat(settings.tls().insecure()).isTrue();
    assertThat(settings.tls().caFile()).isEqualTo(Path.of("/etc/ca.pem"));
    assertThat(settings.tls().certFile()).isEqualTo(Path.of("/etc/client.pem"));
    assertThat(settings.tls().keyFile()).isEqualTo(Path.of("/etc/client.key"));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(12500));
    assertThat(settings.endpoint().override()).isEqualTo(URI.create("http://neutron:9696"));
  }

  @Test
  void secureYamlBesideCloudsYamlAddsTheSecrets() throws IOException {
    writeClouds(
        """
        clouds:
          bed:
            auth:
              auth_url: http://cloud:5000/v3
              application_credential_id: AC1
        """);
    Files.writeString(
        dir.resolve("secure.yaml"),
        """
        clouds:
          bed:
            auth:
              application_credential_secret: from-secure-yaml
        """);

    AuthSettings settings =
        AuthSources.of(Map.of("OS_CLOUD", "bed"), Map.of())
            .withCloudsSearchPath(List.of(dir.resolve("clouds.yaml")))
            .resolve();

    var credential = (Credentials.ApplicationCredential) settings.credentials();
    assertThat(credential.id()).isEqualTo("AC1");
    assertThat(credential.secret().value()).isEqualTo("from-secure-yaml");
  }

  @Test
  void firstCloudsYamlOfTheSearchPathIsRead() throws IOException {
    Path first = dir.resolve("first/clouds.yaml");
    Files.createDirectories(first.getParent());
    Files.writeString(first, "clouds: {bed: {region_name: first}}");
    writeClouds("clouds: {bed: {region_name: second}}");

    AuthSettings settings =
        AuthSources.of(Map.of("OS_CLOUD", "bed"), CONF)
            .withCloudsSearchPath(
                List.of(dir.resolve("missing.yaml"), first, dir.resolve("clouds.yaml")))
            .resolve();

    assertThat(settings.endpoint().regionName()).isEqualTo("first");
  }

  @Test
  void defaultSearchPathStartsWithTheExplicitFileThenTheUsualPlaces() {
    var path =
        AuthSources.defaultSearchPath(
            Map.of("OS_CLIENT_CONFIG_FILE", "/x/my.yaml", "HOME", "/home/k"));

    assertThat(path)
        .startsWith(Path.of("/x/my.yaml"), Path.of("clouds.yaml"))
        .contains(
            Path.of("/home/k/.config/openstack/clouds.yaml"),
            Path.of("/etc/openstack/clouds.yaml"));
  }

  @Test
  void unknownCloudIsReportedWithTheCloudsThereAre() throws IOException {
    writeClouds("clouds: {bed: {region_name: r}, other: {}}");

    assertThatThrownBy(() -> sources(Map.of("OS_CLOUD", "nope")).resolve())
        .hasMessageContaining("has no cloud 'nope'")
        .hasMessageContaining("[bed, other]");
  }

  @Test
  void missingCloudsYamlIsReported() {
    assertThatThrownBy(
            () ->
                AuthSources.of(Map.of("OS_CLOUD", "bed"), CONF)
                    .withCloudsSearchPath(List.of(dir.resolve("none.yaml")))
                    .resolve())
        .hasMessageContaining("OS_CLOUD is 'bed' but no clouds.yaml");
  }

  @Test
  void authTypeIsGuessedFromTheOptionsSet() {
    var appCredential =
        Map.of(
            "auth_url", "http://k:5000",
            "application_credential_id", "AC1",
            "application_credential_secret", "s");
    var noauth = Map.of("endpoint_override", "http://127.0.0.1:9696");

    assertThat(resolve(appCredential).credentials())
        .isInstanceOf(Credentials.ApplicationCredential.class);
    assertThat(resolve(noauth).credentials()).isInstanceOf(Credentials.None.class);
    assertThatThrownBy(() -> resolve(Map.of())).hasMessageContaining("no Neutron credentials");
  }

  @Test
  void defaultDomainStandsInForMissingUserAndProjectDomains() {
    var options =
        Map.of(
            "auth_type", "v3password",
            "auth_url", "http://k:5000",
            "username", "u",
            "password", "p",
            "project_name", "proj",
            "default_domain_id", "default");

    var password = (Credentials.Password) resolve(options).credentials();

    assertThat(password.user().domainId()).isEqualTo("default");
    assertThat(password.scope().domainId()).isEqualTo("default");
  }

  @Test
  void environmentVariablesOfOlderNamesAreRead() {
    var environment =
        Map.of(
            "OS_AUTH_URL", "http://k:5000",
            "OS_USER_ID", "U1",
            "OS_PASSWORD", "p",
            "OS_TENANT_NAME", "proj",
            "OS_DEFAULT_DOMAIN", "default",
            "OS_ENDPOINT_TYPE", "adminURL",
            "OS_INSECURE", "yes",
            "OS_TIMEOUT", "7");

    AuthSettings settings = sources(environment).resolve();

    assertThat(((Credentials.Password) settings.credentials()).scope().name()).isEqualTo("proj");
    assertThat(settings.endpoint().endpointInterface())
        .isEqualTo(EndpointSelection.Interface.ADMIN);
    assertThat(settings.tls().insecure()).isTrue();
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void blankValuesCountAsUnset() {
    var environment = Map.of("OS_USERNAME", " ", "OS_PASSWORD", "");

    var password = (Credentials.Password) sources(environment).resolve().credentials();

    assertThat(password.user().name()).isEqualTo("conf-user");
    assertThat(password.password().value()).isEqualTo("conf-pw");
  }

  @Test
  void invalidValuesAreReportedWithTheirOptionName() {
    assertThatThrownBy(() -> sources(Map.of("OS_AUTH_TYPE", "kerberos")).resolve())
        .hasMessageContaining("unsupported auth_type 'kerberos'");
    assertThatThrownBy(() -> sources(Map.of("OS_AUTH_URL", "not a url")).resolve())
        .hasMessageContaining("auth_url is not a URL");
    assertThatThrownBy(() -> sources(Map.of("OS_INSECURE", "maybe")).resolve())
        .hasMessageContaining("insecure must be true or false");
    assertThatThrownBy(() -> sources(Map.of("OS_INTERFACE", "private")).resolve())
        .hasMessageContaining("expected public, internal or admin");
    assertThatThrownBy(() -> resolve(Map.of("auth_type", "noauth")))
        .hasMessageContaining("needs endpoint_override");
  }

  @Test
  void resolvedSettingsNeverPrintTheSecrets() {
    String printed = sources(Map.of("OS_PASSWORD", "env-secret-pw")).resolve().toString();

    assertThat(printed).doesNotContain("env-secret-pw").doesNotContain("conf-pw");
  }

  private AuthSources sources(Map<String, String> environment) {
    return AuthSources.of(environment, CONF)
        .withCloudsSearchPath(List.of(dir.resolve("clouds.yaml")));
  }

  private AuthSettings resolve(Map<String, String> kuryrConf) {
    return AuthSources.of(Map.of(), kuryrConf).withCloudsSearchPath(List.of()).resolve();
  }

  private void writeClouds(String yaml) throws IOException {
    Files.writeString(dir.resolve("clouds.yaml"), yaml);
  }
}
