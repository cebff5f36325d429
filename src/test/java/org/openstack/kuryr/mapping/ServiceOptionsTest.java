package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.ServiceOptions.FloatingIpWish;

class ServiceOptionsTest {
  @Test
  void securityGroupsAreCommaSeparatedAndTrimmed() {
    var options = ServiceOptions.ofEndpoint(Map.of("neutron.securitygroups", " web , ssh,"));

    assertThat(options.securityGroups()).containsExactly("web", "ssh");
  }

  @Test
  void emptySecurityGroupOptionIsRefused() {
    assertThatThrownBy(() -> ServiceOptions.ofNetwork(Map.of("neutron.securitygroups", " , ")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("neutron.securitygroups is empty");
  }

  @Test
  void routerByNameOrIdButNotBoth() {
    assertThat(ServiceOptions.ofNetwork(Map.of("neutron.router.name", "edge")).router())
        .map(PoolOptions.Reference::byId)
        .contains(false);
    assertThatThrownBy(
            () ->
                ServiceOptions.ofNetwork(
                    Map.of("neutron.router.name", "edge", "neutron.router.uuid", "x")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void floatingIpIsAutoOrAnIpv4Address() {
    assertThat(ServiceOptions.ofEndpoint(Map.of("neutron.floatingip", "AUTO")).floatingIp())
        .contains(new FloatingIpWish(Optional.empty()));
    assertThat(ServiceOptions.ofEndpoint(Map.of("neutron.floatingip", "203.0.113.7")).floatingIp())
        .contains(new FloatingIpWish(Optional.of("203.0.113.7")));
    assertThatThrownBy(() -> ServiceOptions.ofEndpoint(Map.of("neutron.floatingip", "2001:db8::1")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void noOptionsAskForNothing() {
    assertThat(ServiceOptions.ofNetwork(Map.of("neutron.net.name", "x")).isEmpty()).isTrue();
    assertThat(ServiceOptions.ofEndpoint(Map.of()).securityGroups()).isEqualTo(List.of());
  }
}
