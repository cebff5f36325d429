package org.openstack.kuryr.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.config.Config;
import org.openstack.kuryr.config.ConfigException;
import org.openstack.kuryr.config.IniFile;

class DaemonSettingsTest {
  private static DaemonSettings settings(String ini) {
    return DaemonSettings.from(Config.of(List.of(IniFile.parse(Path.of("k.conf"), ini))));
  }

  @Test
  void defaultsServeDockersPluginSocketOnly() {
    DaemonSettings settings = settings("");
    assertThat(settings.socketPath()).contains(Path.of("/run/docker/plugins/kuryr.sock"));
    assertThat(settings.tcpUri()).isEmpty();
    assertThat(settings.portDriver()).isEqualTo("veth");
    assertThat(settings.scope()).isEqualTo("local");
  }

  @Test
  void originalModulePathsNameThePortDriver() {
    assertThat(
            settings("[DEFAULT]\nport_driver = kuryr_libnetwork.port_driver.drivers.vlan\n")
                .portDriver())
        .isEqualTo("vlan");
  }

  @Test
  void differentAddressSpacesAreRefused() {
    assertThatThrownBy(() -> settings("[DEFAULT]\nglobal_default_address_space = other\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be equal");
  }

  @Test
  void tcpListenerNeedsAnHttpUriWithPort() {
    assertThat(settings("[DEFAULT]\nlisten_tcp = true\n").tcpUri())
        .hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(23750));
    assertThatThrownBy(() -> settings("[DEFAULT]\nlisten_tcp = true\nkuryr_uri = 127.0.0.1\n"))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void nothingToServeIsRefused() {
    assertThatThrownBy(() -> settings("[DEFAULT]\nplugin_socket =\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nothing to serve");
  }

  @Test
  void unknownPortDriverIsRefused() {
    assertThatThrownBy(() -> settings("[DEFAULT]\ndefault_port_driver = sriov\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sriov");
  }
}
