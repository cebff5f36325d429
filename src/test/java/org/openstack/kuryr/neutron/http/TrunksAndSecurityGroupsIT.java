package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.SecurityGroup;
import org.openstack.kuryr.neutron.SecurityGroupRequest;
import org.openstack.kuryr.neutron.SecurityGroupRule;
import org.openstack.kuryr.neutron.SecurityGroupRuleRequest;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Trunk;
import org.openstack.kuryr.neutron.TrunkRequest;

/** Trunks with subports, and security groups with rules, against the bed's real Neutron. */
class TrunksAndSecurityGroupsIT extends BedTest {

  @Test
  void trunkCarriesSubportsThatAreAddedListedAndRemoved() {
    Network network = network(List.of(prefix));
    Port parent = port(network);
    Port child = port(network);
    Trunk trunk =
        client
            .trunks()
            .create(
                TrunkRequest.builder()
                    .name(prefix + "-trunk")
                    .portId(parent.id())
                    .tags(List.of(prefix))
                    .build());
    undo.push(trunk, () -> client.trunks().delete(trunk.id()));

    Trunk withChild =
        client.trunks().addSubports(trunk.id(), List.of(SubPort.vlan(child.id(), 101)));

    assertThat(withChild.subPorts())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.portId()).isEqualTo(child.id());
              assertThat(s.segmentationId()).isEqualTo(101);
              assertThat(s.segmentationType()).isEqualTo("vlan");
            });
    assertThat(client.trunks().subports(trunk.id()))
        .extracting(SubPort::portId)
        .containsExactly(child.id());
    assertThat(client.ports().get(parent.id()).trunkDetails().subPorts())
        .singleElement()
        .satisfies(s -> assertThat(s.macAddress()).isEqualTo(child.macAddress()));
    assertThat(ids(client.trunks().list(Query.tagged(prefix)))).containsExactly(trunk.id());

    Trunk empty = client.trunks().removeSubports(trunk.id(), List.of(child.id()));
    assertThat(empty.subPorts()).isEmpty();
    assertThat(client.trunks().delete(trunk.id())).isTrue();
    assertThat(client.trunks().delete(trunk.id())).isFalse();
  }

  @Test
  void securityGroupWithRulesIsCreatedFoundAndAppliedToAPort() {
    SecurityGroup group =
        client
            .securityGroups()
            .create(
                SecurityGroupRequest.builder()
                    .name(prefix + "-sg")
                    .description("web")
                    .tags(List.of(prefix))
                    .build());
    undo.push(group, () -> client.securityGroups().delete(group.id()));
    SecurityGroupRule rule =
        client
            .securityGroupRules()
            .create(
                SecurityGroupRuleRequest.builder()
                    .securityGroupId(group.id())
                    .direction("ingress")
                    .ethertype("IPv4")
                    .protocol("tcp")
                    .portRange(8080, 8081)
                    .remoteIpPrefix("10.0.0.0/8")
                    .build());
    undo.push(rule, () -> client.securityGroupRules().delete(rule.id()));

    assertThat(rule.portRangeMin()).isEqualTo(8080);
    assertThat(rule.portRangeMax()).isEqualTo(8081);
    assertThat(client.securityGroups().get(group.id()).securityGroupRules())
        .extracting(SecurityGroupRule::id)
        .contains(rule.id());
    assertThat(group.stateful()).isTrue();
    assertThat(ids(client.securityGroups().list(Query.tagged(prefix)))).containsExactly(group.id());
    assertThat(ids(client.securityGroupRules().list(Query.where("security_group_id", group.id()))))
        .contains(rule.id());

    Network network = network(List.of(prefix));
    Port port = port(network);
    Port secured =
        client
            .ports()
            .update(port.id(), PortRequest.builder().securityGroups(List.of(group.id())).build());
    assertThat(secured.securityGroups()).containsExactly(group.id());

    SecurityGroup renamed =
        client
            .securityGroups()
            .update(group.id(), SecurityGroupRequest.builder().name(prefix + "-sg2").build());
    assertThat(renamed.name()).isEqualTo(prefix + "-sg2");
    assertThat(client.securityGroupRules().delete(rule.id())).isTrue();
    assertThat(client.securityGroupRules().delete(rule.id())).isFalse();
  }

  @Test
  void statelessSecurityGroupSaysSo() {
    SecurityGroup group =
        client
            .securityGroups()
            .create(SecurityGroupRequest.builder().name(prefix + "-sl").stateful(false).build());
    undo.push(group, () -> client.securityGroups().delete(group.id()));

    assertThat(group.stateful()).isFalse();
  }
}
