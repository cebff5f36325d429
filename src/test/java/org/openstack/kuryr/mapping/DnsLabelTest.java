package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DnsLabelTest {
  @Test
  void plainNameStaysAsItIs() {
    assertThat(DnsLabel.of("web-1")).contains("web-1");
  }

  @Test
  void lettersAreLowerCasedAndOtherCharactersBecomeHyphens() {
    assertThat(DnsLabel.of("My_App.1")).contains("my-app-1");
  }

  @Test
  void edgesLoseTheirHyphensAndTheLabelIsCutTo63() {
    assertThat(DnsLabel.of("_x_")).contains("x");
    assertThat(DnsLabel.of("a".repeat(62) + "_b")).contains("a".repeat(62));
    assertThat(DnsLabel.of("b".repeat(100)).orElseThrow()).hasSize(63);
  }

  @Test
  void nothingUsableMakesNoLabel() {
    assertThat(DnsLabel.of("___")).isEmpty();
  }
}
