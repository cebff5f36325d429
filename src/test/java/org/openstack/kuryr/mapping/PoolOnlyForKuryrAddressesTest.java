package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.RecordingPortBinder;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/**
 * The port pool fills only for networks whose addresses Kuryr's IPAM gives: Docker's own IPAM hands
 * out addresses Neutron does not know of, which pool ports could be holding already.
 */
class PoolOnlyForKuryrAddressesTest {
  private final FakeNeutron neutron = new FakeNeutron();
  private final MappingServices services =
      MappingServices.create(
          neutron,
          new RecordingPortBinder(),
          new MappingSettings(
              MappingHarness.HOST,
              "kuryrPool",
              true,
              new MappingSettings.DefaultPool("kuryr", false, List.of(), 24),
              new MappingSettings.DefaultPool("kuryr6", false, List.of(), 64),
              Duration.ofSeconds(2),
              true,
              new MappingSettings.PortPool(true, 2, 4, 2)));

  @AfterEach
  void stop() {
    services.ports().close(Duration.ofSeconds(2));
  }

  private void createNetwork(String dockerId, String cidr) {
    services
        .networks()
        .createNetwork(
            new NetworkSpec(
                dockerId,
                Map.of(),
                List.of(new NetworkSpec.PoolData(cidr, Optional.empty())),
                List.of()));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> poolFigures() {
    return (Map<String, Object>) services.ports().figures().get("port_pool");
  }

  @Test
  void networkOfKuryrsAddressesStartsItsPoolAndOneOfDockersOwnDoesNot() {
    services.ipam().requestPool(new PoolRequest("10.31.0.0/24", "", Map.of(), false));
    createNetwork(MappingHarness.dockerId("kuryr-ipam"), "10.31.0.0/24");
    assertThat(poolFigures()).hasSize(1);

    createNetwork(MappingHarness.dockerId("docker-ipam"), "10.32.0.0/24");

    assertThat(poolFigures()).hasSize(1);
    assertThat(poolFigures().keySet()).noneMatch(key -> key.contains(subnetIdOf("10.32.0.0/24")));
  }

  private String subnetIdOf(String cidr) {
    return neutron.subnets().list(Query.where("cidr", cidr)).stream()
        .findFirst()
        .orElseThrow()
        .id();
  }
}
