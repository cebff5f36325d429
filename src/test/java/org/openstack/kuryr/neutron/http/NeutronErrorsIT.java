package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;

/** Each kind of error as the bed's real Neutron produces it. */
class NeutronErrorsIT extends BedTest {

  @Test
  void secondPortWithTheSameAddressIsAConflictOfTypeIpAddressAlreadyAllocated() {
    Network network = network(List.of(prefix));
    Subnet subnet = subnet(network, "10.237.0.0/24");
    PortRequest sameAddress =
        PortRequest.builder()
            .networkId(network.id())
            .fixedIps(List.of(FixedIp.of(subnet.id(), "10.237.0.20")))
            .build();
    port(sameAddress);

    assertThatThrownBy(() -> port(sameAddress))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> {
              assertThat(e.neutronType()).isEqualTo("IpAddressAlreadyAllocated");
              assertThat(e.getMessage())
                  .startsWith("failed to create port: IP address 10.237.0.20");
            });
  }

  @Test
  void deletingASubnetWithPortsIsAConflictOfTypeSubnetInUse() {
    Network network = network(List.of(prefix));
    Subnet subnet = subnet(network, "10.238.0.0/24");
    port(network);

    assertThatThrownBy(() -> client.subnets().delete(subnet.id()))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> {
              assertThat(e.neutronType()).isEqualTo("SubnetInUse");
              assertThat(e.getMessage())
                  .startsWith("failed to delete subnet " + subnet.id() + ": ");
            });
  }

  @Test
  void unknownIdIsNotFound() {
    String id = UUID.randomUUID().toString();

    assertThatThrownBy(() -> client.networks().get(id))
        .isInstanceOfSatisfying(
            NeutronException.NotFound.class,
            e -> {
              assertThat(e.neutronType()).isEqualTo("NetworkNotFound");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "failed to get network " + id + ": Network " + id + " could not be found.");
            });
    assertThatThrownBy(
            () -> client.networks().update(id, NetworkRequest.builder().name("x").build()))
        .isInstanceOf(NeutronException.NotFound.class);
  }

  @Test
  void malformedCidrIsABadRequest() {
    Network network = network(List.of(prefix));

    assertThatThrownBy(
            () ->
                subnet(
                    SubnetRequest.builder()
                        .networkId(network.id())
                        .ipVersion(4)
                        .cidr("10.300.0.0/24")
                        .build()))
        .isInstanceOfSatisfying(
            NeutronException.BadRequest.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.getMessage())
                  .startsWith("failed to create subnet: ")
                  .contains("10.300.0.0/24");
            });
  }

  @Test
  void exceedingAProjectsQuotaIsOverQuota() {
    String project = prefix.replace("-", "");
    try (var admin = new KeystoneAdmin()) {
      admin.setNeutronQuota(project, "network", 0);
      try {
        assertThatThrownBy(
                () ->
                    network(
                        NetworkRequest.builder()
                            .name(prefix + "-over")
                            .attribute("project_id", project)
                            .build()))
            .isInstanceOfSatisfying(
                NeutronException.OverQuota.class,
                e ->
                    assertThat(e.getMessage())
                        .startsWith("failed to create network: Quota exceeded"));
      } finally {
        admin.resetNeutronQuota(project);
      }
    }
  }
}
