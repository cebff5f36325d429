package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceTagsTest {
  private static final String DOCKER_ID = "a".repeat(64);
  private static final String UUID = "3f2a9c1e-7b4d-4e8f-9a6b-1c2d3e4f5a6b";

  @Test
  void networkTagsFitNeutronsOldestTagLimitAndReadBack() {
    String group = ServiceTags.networkGroup(DOCKER_ID, UUID);
    String router = ServiceTags.networkRouter(DOCKER_ID, UUID);

    assertThat(group).hasSizeLessThanOrEqualTo(60);
    assertThat(router).hasSizeLessThanOrEqualTo(60);
    assertThat(ServiceTags.networkGroups(List.of(group, router, "other"), DOCKER_ID))
        .containsExactly(UUID);
    assertThat(ServiceTags.networkRouter(List.of(group, router), DOCKER_ID)).contains(UUID);
    assertThat(ServiceTags.networkGroups(List.of(group), "b".repeat(64))).isEmpty();
  }

  @Test
  void longHostNamesAreShortenedDistinctly() {
    String one = ServiceTags.host("node-" + "x".repeat(80) + ".one.example");
    String two = ServiceTags.host("node-" + "x".repeat(80) + ".two.example");

    assertThat(one).hasSize(60).isNotEqualTo(two);
    assertThat(ServiceTags.host("node1")).isEqualTo("kuryr.host:node1");
  }

  @Test
  void exposedGroupKeepsTheOriginalsName() {
    assertThat(ServiceTags.exposedGroupName(UUID)).isEqualTo(UUID + "-exposed_ports");
  }
}
