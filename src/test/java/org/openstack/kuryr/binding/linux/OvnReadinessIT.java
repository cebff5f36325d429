package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.binding.linux.HostProbe.RUNNER;
import static org.openstack.kuryr.binding.linux.HostProbe.externalId;
import static org.openstack.kuryr.binding.linux.HostProbe.linkExists;
import static org.openstack.kuryr.binding.linux.HostProbe.ovsPortExists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.PluggedInterface;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ovn-installed wait against the test bed's real ML2/OVN: a Neutron port bound to this host is
 * plugged into br-int and must become ready. Devices carry prefixes of this test's own.
 */
class OvnReadinessIT {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final NeutronProbe neutron = new NeutronProbe();
  private final BindingSettings settings =
      BindingSettings.defaults().withVethPrefixes("kbt", "kbc");
  private final VethBinder binder = new VethBinder(RUNNER, settings);
  private final List<BoundPort> plugged = new ArrayList<>();
  private final List<String> neutronResources = new ArrayList<>();

  @BeforeAll
  static void requireTestBed() {
    HostProbe.requireOpenVswitch();
    new NeutronProbe().requireNeutron();
  }

  @AfterEach
  void removeEverythingThisTestCreated() {
    plugged.forEach(binder::unplug);
    // Newest first: the port before its network.
    for (int i = neutronResources.size() - 1; i >= 0; i--) {
      neutron.delete(neutronResources.get(i));
    }
  }

  @Test
  void portBoundToThisHostBecomesReadyOncePluggedIntoBrInt() {
    BoundPort port = createBoundPort();

    PluggedInterface devices = plug(port);
    DataplaneState state = binder.awaitDataplaneReady(port, READY_TIMEOUT);

    assertThat(state).isEqualTo(DataplaneState.READY);
    assertThat(externalId(devices.hostDeviceName(), "ovn-installed")).isEqualTo("true");
  }

  @Test
  void portOvnDoesNotKnowIsNotReadyWhenTheWaitEnds() {
    BoundPort stranger =
        new BoundPort(
            HostProbe.markedId(),
            HostProbe.markedId(),
            "kbind-it-endpoint",
            "fa:16:3e:00:b1:d0",
            1442,
            "ovs",
            Map.of(),
            null);
    plug(stranger);
    long start = System.nanoTime();

    DataplaneState state = binder.awaitDataplaneReady(stranger, Duration.ofSeconds(2));

    assertThat(state).isEqualTo(DataplaneState.NOT_READY);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500))
        .isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void unplugRemovesPortFromBrIntAndHost() {
    BoundPort port = createBoundPort();
    PluggedInterface devices = plug(port);

    binder.unplug(port);

    assertThat(ovsPortExists(devices.hostDeviceName())).isFalse();
    assertThat(linkExists(devices.hostDeviceName())).isFalse();
    assertThat(linkExists(devices.containerDeviceName())).isFalse();
  }

  private PluggedInterface plug(BoundPort port) {
    plugged.add(port);
    return binder.plug(port);
  }

  private BoundPort createBoundPort() {
    String name = "kbind-it-" + HostProbe.randomHex(8);
    JsonNode network =
        neutron.post("networks", "{\"network\":{\"name\":\"" + name + "\"}}").path("network");
    neutronResources.add("networks/" + network.path("id").asString());
    String hostname = HostProbe.run("hostname").strip();
    String body =
        "{\"port\":{\"name\":\"%s\",\"network_id\":\"%s\",\"device_owner\":\"compute:kuryr\","
                .formatted(name, network.path("id").asString())
            + "\"device_id\":\"%s\",\"binding:host_id\":\"%s\"}}".formatted(name, hostname);
    JsonNode port = neutron.post("ports", body).path("port");
    neutronResources.add("ports/" + port.path("id").asString());
    return boundPort(port, network.path("mtu").asInt());
  }

  @SuppressWarnings("unchecked")
  private static BoundPort boundPort(JsonNode port, int mtu) {
    Map<String, Object> vifDetails =
        JsonMapper.builder().build().treeToValue(port.path("binding:vif_details"), Map.class);
    return new BoundPort(
        port.path("id").asString(),
        port.path("network_id").asString(),
        "kbind-it-endpoint",
        port.path("mac_address").asString(),
        mtu,
        port.path("binding:vif_type").asString(),
        vifDetails,
        null);
  }
}
