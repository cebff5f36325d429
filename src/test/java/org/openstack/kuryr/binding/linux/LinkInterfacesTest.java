package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.LinkInterfaceException;

class LinkInterfacesTest {
  private static final String VM_MAC = "fa:16:3e:aa:bb:cc";

  @TempDir Path sysClassNet;

  @Test
  void resolveFindsTheInterfaceCarryingTheVmPortMac() throws IOException {
    addInterface("lo", "00:00:00:00:00:00");
    addInterface("ens3", "FA:16:3E:AA:BB:CC");
    addInterface("docker0", "02:42:ac:11:00:01");

    String found = interfaces().resolve(BindingSettings.defaults(), VM_MAC);

    assertThat(found).isEqualTo("ens3");
  }

  @Test
  void resolvePrefersConfiguredInterfaceWithoutReadingSysfs() {
    LinkInterfaces missingSysfs = new LinkInterfaces(sysClassNet.resolve("absent"));

    String found =
        missingSysfs.resolve(BindingSettings.defaults().withLinkInterface("eth1"), VM_MAC);

    assertThat(found).isEqualTo("eth1");
  }

  @Test
  void resolveIgnoresContainerDevicesThatShareTheMac() throws IOException {
    addInterface("eth0", VM_MAC);
    addInterface("t_c3f2a9c1e-7b", VM_MAC);

    assertThat(interfaces().resolve(BindingSettings.defaults(), VM_MAC)).isEqualTo("eth0");
  }

  @Test
  void resolveFailsWhenNoInterfaceHasTheMac() throws IOException {
    addInterface("eth0", "fa:16:3e:00:00:01");

    assertThatThrownBy(() -> interfaces().resolve(BindingSettings.defaults(), VM_MAC))
        .isInstanceOf(LinkInterfaceException.class)
        .hasMessageContaining("no interface has it")
        .hasMessageContaining("set the link interface");
  }

  @Test
  void resolveFailsAndNamesCandidatesWhenSeveralInterfacesHaveTheMac() throws IOException {
    addInterface("eth0", VM_MAC);
    addInterface("br0", VM_MAC);

    assertThatThrownBy(() -> interfaces().resolve(BindingSettings.defaults(), VM_MAC))
        .isInstanceOf(LinkInterfaceException.class)
        .hasMessageContaining("[br0, eth0]");
  }

  @Test
  void macAddressesSkipsInterfacesWithoutAddressFile() throws IOException {
    addInterface("eth0", VM_MAC);
    Files.createDirectory(sysClassNet.resolve("tun0"));

    assertThat(interfaces().macAddresses()).containsOnlyKeys("eth0");
  }

  @Test
  void macAddressesFailsWhenSysfsCannotBeListed() {
    LinkInterfaces missing = new LinkInterfaces(sysClassNet.resolve("absent"));

    assertThatThrownBy(missing::macAddresses).isInstanceOf(LinkInterfaceException.class);
  }

  @Test
  void macAddressesOfThisHostIncludeLoopback() {
    assertThat(LinkInterfaces.ofThisHost().macAddresses()).containsKey("lo");
  }

  private LinkInterfaces interfaces() {
    return new LinkInterfaces(sysClassNet);
  }

  private void addInterface(String name, String mac) throws IOException {
    Path dir = Files.createDirectory(sysClassNet.resolve(name));
    Files.writeString(dir.resolve("address"), mac + "\n");
  }
}
