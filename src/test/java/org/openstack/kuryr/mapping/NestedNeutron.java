package org.openstack.kuryr.mapping;

import java.util.List;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.TrunkRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/**
 * The fake Neutron as Kuryr in a VM finds it: the VM's network and another one, the VM's port as
 * Nova leaves it, trunks on VM ports, and ports Kuryr reserved. Neutron's rules are the fake's;
 * this only sets resources up (through the client, as their owners would) and reads them back.
 *
 * <p>The subnets have no DHCP, so that no OVN metadata port takes an address the tests choose. The
 * requests of the set-up made here at construction are forgotten.
 */
public final class NestedNeutron {
  /** The compute host of the VM. */
  public static final String COMPUTE_HOST = "compute-1";

  /** The Neutron the code under test is given. */
  public final FakeNeutron fake = new FakeNeutron();

  /** The subnet of the VM's network, 10.0.0.0/24. */
  public final Subnet vmSubnet = subnet("vm", "10.0.0.0/24");

  /** A subnet of another network, 10.1.0.0/24. */
  public final Subnet otherSubnet = subnet("other", "10.1.0.0/24");

  public NestedNeutron() {
    fake.clearRequests();
  }

  private Subnet subnet(String name, String cidr) {
    var network = fake.networks().create(NetworkRequest.builder().name(name).build());
    return fake.subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(4)
                .cidr(cidr)
                .enableDhcp(false)
                .build());
  }

  /** A VM's port on the VM network, bound to the compute host and active, as Nova leaves it. */
  public Port vmPort(String address) {
    return fake.ports()
        .create(
            PortRequest.builder()
                .networkId(vmSubnet.networkId())
                .fixedIps(List.of(FixedIp.of(vmSubnet.id(), address)))
                .deviceOwner("compute:nova")
                .deviceId("vm-" + address)
                .bindingHostId(COMPUTE_HOST)
                .build());
  }

  /** A port Kuryr's IPAM reserved for a container: unbound, without a device. */
  public Port reservedPort(Subnet subnet, String address) {
    return fake.ports()
        .create(
            PortRequest.builder()
                .networkId(subnet.networkId())
                .name(KuryrTags.UNBOUND_PORT_NAME)
                .fixedIps(List.of(FixedIp.of(subnet.id(), address)))
                .deviceOwner(KuryrTags.DEVICE_OWNER)
                .tags(List.of(KuryrTags.KURYR_PORT))
                .build());
  }

  /** A new trunk with this parent port; returns its ID. */
  public String trunk(String parentPortId) {
    return fake.trunks().create(TrunkRequest.builder().portId(parentPortId).build()).id();
  }

  /** Sets a port's allowed address pairs as another writer would. */
  public void setAddressPairs(String portId, List<AddressPair> pairs) {
    fake.ports().update(portId, PortRequest.builder().allowedAddressPairs(pairs).build());
  }

  /** The port as Neutron has it now; reading it is no request. */
  public Port port(String portId) {
    return fake.state().port(portId).orElseThrow();
  }

  public boolean hasPort(String portId) {
    return fake.state().port(portId).isPresent();
  }

  /** The trunk's subports now; reading them is no request. */
  public List<SubPort> subports(String trunkId) {
    return fake.state().trunk(trunkId).orElseThrow().subPorts();
  }

  /** Neutron not answering a request it may have carried out. */
  public static NeutronException unavailable() {
    return new NeutronException.Unavailable(
        new NeutronException.Failure("do", "thing", null, 0, null, "connection reset"), true, null);
  }
}
