package org.openstack.kuryr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeutronAuthOptionsTest {
  private static final Path FILE = Path.of("kuryr.conf");

  @Test
  void onlyOptionsSetInTheFileAreReturnedUnderTheirKeystoneauthNames() {
    Config config =
        config(
            """
            [neutron]
            auth_type = password
            tenant_name = service
            insecure = yes
            timeout = 2.5
            enable_dhcp = false
            """);

    assertThat(NeutronAuthOptions.values(config))
        .containsExactly(
            java.util.Map.entry("auth_type", "password"),
            java.util.Map.entry("project_name", "service"),
            java.util.Map.entry("insecure", "true"),
            java.util.Map.entry("timeout", "2.5"));
  }

  @Test
  void invalidValuesAreReportedWithFileAndLine() {
    Config config = config("[neutron]\nendpoint_type = sideways\n");

    assertThatThrownBy(() -> NeutronAuthOptions.values(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kuryr.conf:2")
        .hasMessageContaining("[neutron] endpoint_type");
  }

  @Test
  void passwordsTokensAndSecretsAreMarkedSecret() {
    assertThat(NeutronAuthOptions.all())
        .filteredOn(Option::secret)
        .extracting(Option::name)
        .containsExactlyInAnyOrder("password", "application_credential_secret", "token");
  }

  @Test
  void credentialOptionsAreDeclaredSoTheyAreNotReportedAsUnknown() {
    Config config =
        config("[neutron]\nauth_url = http://k:5000\nusername = u\nenable_dhcp = true\n");
    var declared = new ArrayList<Option<?>>(KuryrOptions.all());
    declared.addAll(NeutronAuthOptions.all());

    assertThat(config.undeclared(declared)).isEmpty();
    assertThat(config.undeclared(List.copyOf(KuryrOptions.all()))).hasSize(2);
  }

  @Test
  void sampleListsEveryOptionWithoutSecretDefaults() {
    String sample = SampleConfig.render(NeutronAuthOptions.all());

    assertThat(sample).contains("[neutron]", "#auth_url =", "#endpoint_type = public");
    assertThat(sample).contains("#timeout = 30");
  }

  private static Config config(String text) {
    return Config.of(List.of(IniFile.parse(FILE, text)));
  }
}
