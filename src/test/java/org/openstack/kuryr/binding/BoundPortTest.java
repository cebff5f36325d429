package org.openstack.kuryr.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundPortTest {
  private static final String PORT_ID = "3f2a9c1e-7b4d-4e8f-9a6b-1c2d3e4f5a6b";
  private static final String NETWORK_ID = "8e1f0b2c-5d6a-4b7c-8d9e-0f1a2b3c4d5e";

  @Test
  void constructorNormalisesMacToLowerCase() {
    assertThat(port("FA:16:3E:AB:CD:EF", 1500).macAddress()).isEqualTo("fa:16:3e:ab:cd:ef");
  }

  @Test
  void constructorRejectsMalformedMac() {
    assertThatThrownBy(() -> port("fa:16:3e:ab:cd", 1500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MAC address");
  }

  @Test
  void constructorRejectsMtuOutsideKernelLimits() {
    assertThatThrownBy(() -> port("fa:16:3e:ab:cd:ef", 67))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> port("fa:16:3e:ab:cd:ef", 65536))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructorRejectsPortIdThatIsNotAUuid() {
    assertThatThrownBy(
            () ->
                new BoundPort(
                    "tap; rm -rf", NETWORK_ID, "e1", "fa:16:3e:ab:cd:ef", 1500, "ovs", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port ID");
  }

  @Test
  void constructorRejectsEndpointIdThatWouldNeedQuotingInOvsVsctl() {
    assertThatThrownBy(
            () ->
                new BoundPort(
                    PORT_ID, NETWORK_ID, "a,b=c", "fa:16:3e:ab:cd:ef", 1500, "ovs", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint ID");
  }

  @Test
  void constructorRejectsVlanIdOutside802dot1qRange() {
    BoundPort port = port("fa:16:3e:ab:cd:ef", 1500);

    assertThatThrownBy(() -> port.withSegmentationId(4095))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(port.withSegmentationId(4094).segmentationId()).isEqualTo(4094);
  }

  @Test
  void constructorDropsNullDetailValuesAsJsonNullsArrive() {
    Map<String, Object> details = new HashMap<>();
    details.put("bridge_name", null);
    details.put("port_filter", true);

    BoundPort port = port("fa:16:3e:ab:cd:ef", 1500).withVif("ovs", details);

    assertThat(port.vifDetails()).containsOnlyKeys("port_filter");
    assertThat(port.vifDetail("bridge_name")).isNull();
  }

  @Test
  void vifDetailFlagAcceptsBooleansAndText() {
    BoundPort port =
        port("fa:16:3e:ab:cd:ef", 1500)
            .withVif("ovs", Map.of("a", true, "b", "True", "c", "no", "d", false));

    assertThat(port.vifDetailFlag("a")).isTrue();
    assertThat(port.vifDetailFlag("b")).isTrue();
    assertThat(port.vifDetailFlag("c")).isFalse();
    assertThat(port.vifDetailFlag("d")).isFalse();
    assertThat(port.vifDetailFlag("missing")).isFalse();
  }

  private static BoundPort port(String mac, int mtu) {
    return new BoundPort(PORT_ID, NETWORK_ID, "e1", mac, mtu, "ovs", null, null);
  }
}
