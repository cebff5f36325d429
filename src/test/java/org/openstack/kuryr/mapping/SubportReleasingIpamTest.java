package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

class SubportReleasingIpamTest {
  private final NestedNeutron nested = new NestedNeutron();
  private final FakeNeutron neutron = nested.fake;
  private final Port vmPort = nested.vmPort("10.0.0.2");
  private final String trunkId = nested.trunk(vmPort.id());
  private final VmTrunk trunk = new VmTrunk(neutron, vmPort.id());
  private final NestedBinderFake binder = new NestedBinderFake();
  private final TrunkSubportAttachment attachment =
      new TrunkSubportAttachment(
          neutron,
          binder,
          trunk,
          new PortReadiness(neutron, binder, java.time.Duration.ofSeconds(5), true),
          PortServices.NONE);
  private final IpamService ipam =
      new SubportReleasingIpam(new DeletingIpam(), neutron, trunk, attachment);

  /** Releases an address the way Kuryr's IPAM does: the port holding it is deleted. */
  private final class DeletingIpam implements IpamService {
    @Override
    public void releaseAddress(String poolId, String address) {
      neutron.ports().list(Query.where("fixed_ips", "ip_address=" + address)).stream()
          .map(Port::id)
          .forEach(id -> PortCleanup.delete(neutron, id));
    }

    @Override
    public PoolAllocation requestPool(PoolRequest request) {
      throw new AssertionError("not used");
    }

    @Override
    public void releasePool(String poolId) {
      throw new AssertionError("not used");
    }

    @Override
    public AddressAllocation requestAddress(AddressRequest request) {
      throw new AssertionError("not used");
    }
  }

  @Test
  void addressOfAnEndpointThatNeverFinishedIsReleasedAfterItsDeviceAndSubportGo() {
    Port port = nested.reservedPort(nested.otherSubnet, "10.1.0.11");
    attachment.attach(
        port,
        port.fixedIps(),
        NestedFixtures.view(nested.otherSubnet.networkId()),
        NestedFixtures.endpoint(1, "10.1.0.11", java.util.Optional.empty()));

    ipam.releaseAddress("pool", "10.1.0.11");

    assertThat(binder.plugged()).isEmpty();
    assertThat(nested.subports(trunkId)).isEmpty();
    assertThat(nested.hasPort(port.id())).isFalse();
  }

  @Test
  void usualReleaseAsksNothingOfTheTrunk() {
    Port port = nested.reservedPort(nested.otherSubnet, "10.1.0.11");
    neutron.clearRequests();

    ipam.releaseAddress("pool", "10.1.0.11");

    assertThat(nested.hasPort(port.id())).isFalse();
    assertThat(neutron.requests()).containsExactly("GET ports", "DELETE ports");
  }

  @Test
  void conflictOverAPortOfAnotherTrunkIsReported() {
    Port otherVm = nested.vmPort("10.0.0.3");
    String otherTrunk = nested.trunk(otherVm.id());
    Port port = nested.reservedPort(nested.otherSubnet, "10.1.0.11");
    new VmTrunk(neutron, otherVm.id()).ensureSubport(port.id());

    assertThatThrownBy(() -> ipam.releaseAddress("pool", "10.1.0.11"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("subport of trunk " + otherTrunk);
    assertThat(nested.hasPort(port.id())).isTrue();
    assertThat(nested.subports(trunkId)).isEqualTo(List.of());
  }
}
