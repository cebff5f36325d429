package org.openstack.kuryr.binding.linux;

import java.time.Duration;
import java.util.Map;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.BoundPort;

/** Ports and settings shared by the binding unit tests. */
final class TestPorts {
  static final String PORT_ID = "3f2a9c1e-7b4d-4e8f-9a6b-1c2d3e4f5a6b";
  static final String NETWORK_ID = "8e1f0b2c-5d6a-4b7c-8d9e-0f1a2b3c4d5e";
  static final String ENDPOINT_ID =
      "5b7d1c0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c";
  static final String MAC = "fa:16:3e:12:34:56";

  static final String HOST_VETH = "tap3f2a9c1e-7b";
  static final String CONTAINER_VETH = "t_c3f2a9c1e-7b";

  static final BindingSettings SETTINGS = BindingSettings.defaults().withLinkInterface("eth0");

  private TestPorts() {}

  /** A port bound by ML2/OVN. */
  static BoundPort ovsPort() {
    return port("ovs", Map.of("port_filter", true, "datapath_type", "netdev"));
  }

  static BoundPort port(String vifType, Map<String, Object> vifDetails) {
    return new BoundPort(
        PORT_ID, NETWORK_ID, ENDPOINT_ID, "FA:16:3E:12:34:56", 1442, vifType, vifDetails, null);
  }

  static Duration seconds(int count) {
    return Duration.ofSeconds(count);
  }
}
