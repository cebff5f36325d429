package org.openstack.kuryr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  private static Config config(String... texts) {
    var files = new java.util.ArrayList<IniFile>();
    for (int i = 0; i < texts.length; i++) {
      files.add(IniFile.parse(Path.of("file" + i + ".conf"), texts[i]));
    }
    return Config.of(files);
  }

  @Test
  void unsetOptionHasItsDefault() {
    assertThat(Config.empty().get(KuryrOptions.CAPABILITY_SCOPE)).isEqualTo("local");
    assertThat(Config.empty().isSet(KuryrOptions.CAPABILITY_SCOPE)).isFalse();
  }

  @Test
  void readsTypedValuesFromTheirSections() {
    var config =
        config(
            """
            [DEFAULT]
            capability_scope = global
            [neutron]
            vif_plugging_timeout: 2.5
            enable_dhcp = False
            default_subnetpool_v4_prefixes = 10.1.0.0/16, 10.2.0.0/16
            """);
    assertThat(config.get(KuryrOptions.CAPABILITY_SCOPE)).isEqualTo("global");
    assertThat(config.get(KuryrOptions.VIF_PLUGGING_TIMEOUT)).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.get(KuryrOptions.ENABLE_DHCP)).isFalse();
    assertThat(config.get(KuryrOptions.DEFAULT_SUBNETPOOL_V4_PREFIXES))
        .containsExactly("10.1.0.0/16", "10.2.0.0/16");
  }

  @Test
  void optionInAnotherSectionIsNotRead() {
    var config = config("[binding]\ncapability_scope = global\n");
    assertThat(config.get(KuryrOptions.CAPABILITY_SCOPE)).isEqualTo("local");
  }

  @Test
  void laterFileOverridesEarlierFile() {
    var config = config("[DEFAULT]\nhost = a\n", "[DEFAULT]\nhost = b\n");
    assertThat(config.get(KuryrOptions.HOST)).isEqualTo("b");
  }

  @Test
  void deprecatedNameIsRead() {
    var config = config("[DEFAULT]\nport_driver = kuryr_libnetwork.port_driver.drivers.vlan\n");
    assertThat(config.get(KuryrOptions.PORT_DRIVER))
        .isEqualTo("kuryr_libnetwork.port_driver.drivers.vlan");
  }

  @Test
  void invalidValueNamesFileLineAndOption() {
    var config = config("[DEFAULT]\n\ncapability_scope = planet\n");
    assertThatThrownBy(() -> config.get(KuryrOptions.CAPABILITY_SCOPE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("file0.conf:3")
        .hasMessageContaining("[DEFAULT] capability_scope")
        .hasMessageContaining("planet");
  }

  @Test
  void durationOutOfBoundsIsRejected() {
    var config = config("[neutron]\nvif_plugging_timeout = -1\n");
    assertThatThrownBy(() -> config.get(KuryrOptions.VIF_PLUGGING_TIMEOUT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("seconds");
  }

  @Test
  void undeclaredOptionsAreReportedWithTheirLocation() {
    var config = config("[DEFAULT]\ncapabilty_scope = global\nbindir = /usr/libexec/kuryr\n");
    assertThat(config.undeclared(KuryrOptions.all()))
        .containsExactly("file0.conf:2: unknown option [DEFAULT] capabilty_scope");
  }

  @Test
  void loadsFilesThenConfDirectoryInNameOrder(@TempDir Path dir) throws Exception {
    Path main = Files.writeString(dir.resolve("kuryr.conf"), "[DEFAULT]\nhost = main\n");
    Path confDir = Files.createDirectory(dir.resolve("kuryr.conf.d"));
    Files.writeString(confDir.resolve("20-b.conf"), "[DEFAULT]\nhost = b\n");
    Files.writeString(confDir.resolve("10-a.conf"), "[DEFAULT]\nhost = a\n");
    Files.writeString(confDir.resolve("30-ignored.txt"), "[DEFAULT]\nhost = txt\n");

    var config = Config.load(List.of(main), List.of(confDir));

    assertThat(config.get(KuryrOptions.HOST)).isEqualTo("b");
    assertThat(config.sources()).hasSize(3);
  }

  @Test
  void missingFileIsAConfigError(@TempDir Path dir) {
    assertThatThrownBy(() -> Config.load(List.of(dir.resolve("nope.conf")), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.conf");
  }
}
