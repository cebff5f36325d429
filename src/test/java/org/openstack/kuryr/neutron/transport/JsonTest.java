package org.openstack.kuryr.neutron.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.DnsAssignment;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Subnet;

class JsonTest {
  // As neutron 2023.1 with ML2/OVN answers, plus attributes of extensions Kuryr does not model.
  private static final String PORT =
      """
      {"id": "002d6e8b", "name": "", "network_id": "e6b160e4", "tenant_id": "",
       "mac_address": "fa:16:3e:db:fb:16", "admin_state_up": true, "status": "ACTIVE",
       "device_id": "c1", "device_owner": "compute:kuryr",
       "fixed_ips": [{"subnet_id": "f8f0a801", "ip_address": "203.0.113.150"}],
       "allowed_address_pairs": [{"ip_address": "10.0.0.0/24", "mac_address": "fa:16:3e:00:00:01"}],
       "extra_dhcp_opts": [], "security_groups": ["sg1"], "description": "",
       "binding:vnic_type": "normal", "binding:profile": {"k": null},
       "binding:host_id": "vm", "binding:vif_type": "ovs",
       "binding:vif_details": {"port_filter": true, "bridge_name": "br-int",
                               "datapath_type": "netdev", "connectivity": "l2"},
       "port_security_enabled": false, "dns_name": "web",
       "dns_assignment": [{"ip_address": "203.0.113.150", "hostname": "web",
                           "fqdn": "web.kuryr.test."}],
       "dns_domain": "", "qos_policy_id": null, "ip_allocation": "immediate",
       "resource_request": null, "tags": ["a"], "created_at": "2026-12-04T17:30:03Z",
       "revision_number": 4, "project_id": "",
       "trunk_details": {"trunk_id": "t1", "sub_ports": [{"port_id": "p2",
         "segmentation_type": "vlan", "segmentation_id": 101, "mac_address": "fa:16:3e:00:00:02"}]}}
      """;

  @Test
  void portReadsBindingAttributesAndIgnoresUnknownOnes() {
    Port port = Json.convert(Json.parse(PORT), Port.class);

    assertThat(port.bindingHostId()).isEqualTo("vm");
    assertThat(port.bindingVifType()).isEqualTo("ovs");
    assertThat(port.bindingVifDetails()).containsEntry("bridge_name", "br-int");
    assertThat(port.bindingProfile()).containsEntry("k", null);
    assertThat(port.fixedIps()).containsExactly(FixedIp.of("f8f0a801", "203.0.113.150"));
    assertThat(port.allowedAddressPairs().getFirst().macAddress()).isEqualTo("fa:16:3e:00:00:01");
    assertThat(port.dnsAssignment())
        .containsExactly(new DnsAssignment("web", "203.0.113.150", "web.kuryr.test."));
    assertThat(port.portSecurityEnabled()).isFalse();
    assertThat(port.revisionNumber()).isEqualTo(4);
    assertThat(port.isActive()).isTrue();
    assertThat(port.trunkDetails().subPorts())
        .containsExactly(new SubPort("p2", "vlan", 101, "fa:16:3e:00:00:02"));
  }

  @Test
  void absentCollectionsAreEmptyAndAbsentScalarsNull() {
    Port port = Json.convert(Json.parse("{\"id\": \"p\"}"), Port.class);

    assertThat(port.fixedIps()).isEmpty();
    assertThat(port.tags()).isEmpty();
    assertThat(port.bindingVifDetails()).isEmpty();
    assertThat(port.status()).isNull();
    assertThat(port.trunkDetails()).isNull();
  }

  @Test
  void networkReadsProviderAndExternalAttributes() {
    Network network =
        Json.convert(
            Json.parse(
                "{\"id\": \"n\", \"mtu\": 1442, \"router:external\": true,"
                    + " \"provider:network_type\": \"vlan\", \"provider:segmentation_id\": 120,"
                    + " \"subnets\": [\"s\"]}"),
            Network.class);

    assertThat(network.routerExternal()).isTrue();
    assertThat(network.networkType()).isEqualTo("vlan");
    assertThat(network.segmentationId()).isEqualTo(120);
    assertThat(network.mtu()).isEqualTo(1442);
    assertThat(network.subnets()).containsExactly("s");
  }

  @Test
  void subnetWithNullGatewayReadsAsNull() {
    Subnet subnet =
        Json.convert(
            Json.parse(
                "{\"id\": \"s\", \"gateway_ip\": null, \"ip_version\": 4,"
                    + " \"allocation_pools\": [{\"start\": \"10.0.0.2\", \"end\": \"10.0.0.9\"}]}"),
            Subnet.class);

    assertThat(subnet.gatewayIp()).isNull();
    assertThat(subnet.ipVersion()).isEqualTo(4);
    assertThat(subnet.allocationPools())
        .containsExactly(new Subnet.AllocationPool("10.0.0.2", "10.0.0.9"));
  }

  @Test
  void nullValuesInMapsAreWrittenAsJsonNull() {
    var body = new LinkedHashMap<String, Object>();
    body.put("gateway_ip", null);
    body.put("tags", List.of("a"));

    assertThat(Json.write(body)).isEqualTo("{\"gateway_ip\":null,\"tags\":[\"a\"]}");
  }
}
