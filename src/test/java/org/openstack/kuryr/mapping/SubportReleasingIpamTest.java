package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.NestedFixtures.OTHER_NETWORK;
import static org.openstack.kuryr.mapping.NestedFixtures.OTHER_SUBNET;
import static org.openstack.kuryr.mapping.NestedFixtures.VM_NETWORK;
import static org.openstack.kuryr.mapping.NestedFixtures.VM_SUBNET;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;

class SubportReleasingIpamTest {
  private final NestedFakeNeutron neutron = new NestedFakeNeutron();
  private final Port vmPort = neutron.addVmPort(VM_NETWORK, VM_SUBNET, "10.0.0.2");
  private final String trunkId = neutron.addTrunk(vmPort.id());
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
    Port port = neutron.addPort(OTHER_NETWORK, OTHER_SUBNET, "10.1.0.11");
    attachment.attach(
        port,
        port.fixedIps(),
        NestedFixtures.view(OTHER_NETWORK),
        NestedFixtures.endpoint(1, "10.1.0.11", java.util.Optional.empty()));

    ipam.releaseAddress("pool", "10.1.0.11");

    assertThat(binder.plugged()).isEmpty();
    assertThat(neutron.subports(trunkId)).isEmpty();
    assertThat(neutron.hasPort(port.id())).isFalse();
  }

  @Test
  void usualReleaseAsksNothingOfTheTrunk() {
    Port port = neutron.addPort(OTHER_NETWORK, OTHER_SUBNET, "10.1.0.11");

    ipam.releaseAddress("pool", "10.1.0.11");

    assertThat(neutron.hasPort(port.id())).isFalse();
    assertThat(neutron.calls()).containsExactly("list port", "delete port");
  }

  @Test
  void conflictOverAPortOfAnotherTrunkIsReported() {
    Port otherVm = neutron.addVmPort(VM_NETWORK, VM_SUBNET, "10.0.0.3");
    neutron.addTrunk(otherVm.id());
    Port port = neutron.addPort(OTHER_NETWORK, OTHER_SUBNET, "10.1.0.11");
    new VmTrunk(neutron, otherVm.id()).ensureSubport(port.id());

    assertThatThrownBy(() -> ipam.releaseAddress("pool", "10.1.0.11"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("PortInUseAsSubPort");
    assertThat(neutron.hasPort(port.id())).isTrue();
    assertThat(neutron.subports(trunkId)).isEqualTo(List.of());
  }
}
