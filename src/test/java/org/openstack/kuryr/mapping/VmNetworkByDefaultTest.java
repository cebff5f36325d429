package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.mapping.NestedFixtures.DOCKER_NETWORK;
import static org.openstack.kuryr.mapping.NestedFixtures.VM_NETWORK;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmNetworkByDefaultTest {
  private final List<NetworkSpec> created = new ArrayList<>();
  private final List<String> deleted = new ArrayList<>();
  private final NetworkService networks =
      new VmNetworkByDefault(
          new NetworkService() {
            @Override
            public void createNetwork(NetworkSpec spec) {
              created.add(spec);
            }

            @Override
            public void deleteNetwork(String dockerNetworkId) {
              deleted.add(dockerNetworkId);
            }
          },
          VM_NETWORK);

  private static NetworkSpec spec(Map<String, String> options) {
    return new NetworkSpec(
        DOCKER_NETWORK,
        options,
        List.of(new NetworkSpec.PoolData("10.0.0.0/24", java.util.Optional.empty())),
        List.of());
  }

  @Test
  void networkNamingNoNeutronNetworkIsTheVmPortsNetwork() {
    networks.createNetwork(spec(Map.of("neutron.net.shared", "false")));

    assertThat(created.getFirst().options())
        .containsEntry("neutron.net.uuid", VM_NETWORK)
        .containsEntry("neutron.net.shared", "false");
    assertThat(created.getFirst().ipv4Pools()).hasSize(1);
  }

  @Test
  void networkNamedByUuidOrNameIsLeftAsGiven() {
    networks.createNetwork(spec(Map.of("neutron.net.uuid", "other")));
    networks.createNetwork(spec(Map.of("neutron.net.name", "pods")));

    assertThat(created.get(0).options()).containsExactly(Map.entry("neutron.net.uuid", "other"));
    assertThat(created.get(1).options()).containsExactly(Map.entry("neutron.net.name", "pods"));
  }

  @Test
  void blankOptionNamesNoNetwork() {
    networks.createNetwork(spec(Map.of("neutron.net.name", " ")));

    assertThat(created.getFirst().options()).containsEntry("neutron.net.uuid", VM_NETWORK);
  }

  @Test
  void deleteGoesThrough() {
    networks.deleteNetwork(DOCKER_NETWORK);

    assertThat(deleted).containsExactly(DOCKER_NETWORK);
  }
}
