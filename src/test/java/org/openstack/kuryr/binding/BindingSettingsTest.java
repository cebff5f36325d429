package org.openstack.kuryr.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BindingSettingsTest {
  private final BindingSettings defaults = BindingSettings.defaults();

  @Test
  void defaultsMatchOriginalKuryrNamesAndUserspaceDatapathNeeds() {
    assertThat(defaults.integrationBridge()).isEqualTo("br-int");
    assertThat(defaults.hostVethPrefix()).isEqualTo("tap");
    assertThat(defaults.containerVethPrefix()).isEqualTo("t_c");
    assertThat(defaults.disableTxChecksumOffload()).isTrue();
    assertThat(defaults.linkInterface()).isNull();
  }

  @Test
  void prefixLongerThanFourCharactersIsRejected() {
    assertThatThrownBy(() -> defaults.withVethPrefixes("tapxx", "t_c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 4");
  }

  @Test
  void prefixesThatCouldNotBeToldApartAreRejected() {
    assertThatThrownBy(() -> defaults.withVethPrefixes("t", "t_c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefixes of each other");
  }

  @Test
  void bridgeNameWithCharactersNeedingQuotingIsRejected() {
    assertThatThrownBy(() -> defaults.withIntegrationBridge("br int"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid interface name");
  }

  @Test
  void nonPositiveCommandTimeoutIsRejected() {
    assertThatThrownBy(() -> new BindingSettings("br-int", true, "tap", "t_c", Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
