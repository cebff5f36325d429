package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack.kuryr.neutron.Network;

/** Networks and endpoints shared by the nested modes' unit tests. */
final class NestedFixtures {
  static final String VM_NETWORK = "8e1f0b2c-5d6a-4b7c-8d9e-0f1a2b3c4d5e";
  static final String DOCKER_NETWORK =
      "d0c4e7a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d";
  static final String DOCKER_MAC = "02:42:0a:00:00:0b";

  private NestedFixtures() {}

  static NetworkView view(String networkId) {
    var network =
        new Network(
            networkId, "net", "", "project", "ACTIVE", true, 1442, false, false, "geneve", null,
            null, List.of(), "", true, List.of(), 1L);
    return new NetworkView(DOCKER_NETWORK, network, List.of(), true);
  }

  /** A 64-hex-digit Docker endpoint ID ending in {@code n}. */
  static String endpointId(int n) {
    return "e".repeat(60) + String.format("%04x", n);
  }

  static EndpointSpec endpoint(int n, String address, Optional<String> mac) {
    return new EndpointSpec(
        DOCKER_NETWORK,
        endpointId(n),
        Optional.of(address + "/24"),
        Optional.empty(),
        mac,
        Map.of());
  }
}
