package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.mapping.NestedFixtures.DOCKER_MAC;
import static org.openstack.kuryr.mapping.NestedFixtures.endpoint;
import static org.openstack.kuryr.mapping.NestedFixtures.view;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.linux.KernelVlanDeviceFactory;
import org.openstack.kuryr.binding.linux.NestedVlanBinder;
import org.openstack.kuryr.host.RecordingCommandRunner;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/**
 * The production VLAN path of nested VLAN mode, which the test bed's kernel (without 802.1Q) cannot
 * run: the commands a container's attach and detach issue in the VM, with the VLAN ID the trunk
 * gave the container's port.
 */
class NestedVlanKernelPathTest {
  private final NestedNeutron nested = new NestedNeutron();
  private final FakeNeutron neutron = nested.fake;
  private final RecordingCommandRunner runner = new RecordingCommandRunner();
  private final Port vmPort = nested.vmPort("10.0.0.2");
  private final NestedVlanBinder binder =
      new NestedVlanBinder(
          runner,
          BindingSettings.defaults(),
          "ens3",
          new KernelVlanDeviceFactory(runner, Duration.ofSeconds(10)));
  private final TrunkSubportAttachment attachment =
      new TrunkSubportAttachment(
          neutron,
          binder,
          new VmTrunk(neutron, vmPort.id()),
          new PortReadiness(neutron, binder, Duration.ofSeconds(5), true),
          PortServices.NONE);

  @Test
  void containerDeviceIsAVlanDeviceOnTheVmInterfaceWithTheSubportsVlanMacAndMtu() {
    nested.trunk(vmPort.id());
    Port first = nested.reservedPort(nested.otherSubnet, "10.1.0.10");
    attachment.attach(
        first,
        first.fixedIps(),
        view(nested.otherSubnet.networkId()),
        endpoint(9, "10.1.0.10", Optional.empty()));
    Port reserved = nested.reservedPort(nested.otherSubnet, "10.1.0.11");
    runner.clear();

    EndpointState state =
        attachment.attach(
            reserved,
            reserved.fixedIps(),
            view(nested.otherSubnet.networkId()),
            endpoint(1, "10.1.0.11", Optional.of(DOCKER_MAC)));
    attachment.detach(state);

    String device = "t_c" + reserved.id().substring(0, 11);
    assertThat(runner.lines())
        .containsExactly(
            "ip link add link ens3 name "
                + device
                + " address "
                + DOCKER_MAC
                + " mtu 1442 type vlan id 2",
            "ethtool -K " + device + " tx off",
            "ip -force -batch - <<< link del dev " + device);
  }
}
