package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KuryrTagsTest {
  private static final String DOCKER_ID =
      "0123456789abcdef0123456789abcdefFEDCBA9876543210fedcba9876543210";

  @Test
  void dockerIdSplitsIntoTwoTagsOfTheOriginalFormat() {
    assertThat(KuryrTags.idTags(DOCKER_ID))
        .containsExactly(
            "kuryr.net.uuid.lh:0123456789abcdef0123456789abcdef",
            "kuryr.net.uuid.uh:FEDCBA9876543210fedcba9876543210");
    assertThat(KuryrTags.idTags(DOCKER_ID)).allSatisfy(tag -> assertThat(tag).hasSizeLessThan(61));
  }

  @Test
  void swarmIdGetsOnlyTheLowTag() {
    assertThat(KuryrTags.idTags("abcdefghijklmnopqrstuvwxy"))
        .containsExactly("kuryr.net.uuid.lh:abcdefghijklmnopqrstuvwxy");
  }

  @Test
  void namesFollowTheOriginal() {
    assertThat(KuryrTags.networkName(DOCKER_ID)).isEqualTo("kuryr-net-01234567");
    assertThat(KuryrTags.existingNetworkTag(DOCKER_ID))
        .isEqualTo("kuryr.net.existing:0123456789ab");
    assertThat(KuryrTags.subnetName(Cidr.parse("10.0.0.0/24")))
        .isEqualTo("kuryr-subnet-10.0.0.0/24");
    assertThat(KuryrTags.subnetPoolName("kuryrPool", Cidr.parse("fd00::/64")))
        .isEqualTo("kuryrPool-fd00::/64");
    assertThat(KuryrTags.portName("e1")).isEqualTo("e1-port");
  }
}
