package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortRangeTest {
  @Test
  void consecutivePortsMergeIntoRangesInAnyOrderAndDuplicatesVanish() {
    assertThat(PortRange.merge(List.of(82, 80, 81, 81, 443, 8000, 8001)))
        .containsExactly(new PortRange(80, 82), PortRange.of(443), new PortRange(8000, 8001));
  }

  @Test
  void noPortsMakeNoRanges() {
    assertThat(PortRange.merge(List.of())).isEmpty();
  }

  @Test
  void rangesOverlapWhenTheyShareAPort() {
    assertThat(new PortRange(80, 90).overlaps(new PortRange(90, 95))).isTrue();
    assertThat(new PortRange(80, 90).overlaps(new PortRange(91, 95))).isFalse();
  }

  @Test
  void invalidBoundsAreRefused() {
    assertThatThrownBy(() -> new PortRange(90, 80)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortRange.of(65536)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsLikeDockersPortSyntax() {
    assertThat(PortRange.of(80)).hasToString("80");
    assertThat(new PortRange(8000, 8010)).hasToString("8000-8010");
  }
}
