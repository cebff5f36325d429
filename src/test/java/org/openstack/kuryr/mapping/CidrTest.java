package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openstack.kuryr.error.InvalidRequestException;

class CidrTest {
  @ParameterizedTest
  @CsvSource({
    "10.10.0.0/24, 10.10.0.0/24, 4",
    "10.10.0.5/24, 10.10.0.0/24, 4",
    "0.0.0.0/0, 0.0.0.0/0, 4",
    "FD00:0:0:0:0:0:0:1/64, fd00::/64, 6",
    "2001:db8:0:1::/109, 2001:db8:0:1::/109, 6",
    "2001:db8::1:0:0:1/128, 2001:db8::1:0:0:1/128, 6",
    "fe80::/10, fe80::/10, 6"
  })
  void parsesAndPrintsCanonically(String text, String canonical, int version) {
    Cidr cidr = Cidr.parse(text);
    assertThat(cidr.toString()).isEqualTo(canonical);
    assertThat(cidr.ipVersion()).isEqualTo(version);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "fd00::/129", "example.com/24", "/24"})
  void rejectsImpossibleCidrs(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void firstHostIsTheUsualGateway() {
    assertThat(Cidr.format(Cidr.parse("10.10.0.0/24").firstHost())).isEqualTo("10.10.0.1");
    assertThat(Cidr.format(Cidr.parse("fd00:1::/64").firstHost())).isEqualTo("fd00:1::1");
    assertThat(Cidr.format(Cidr.parse("10.0.0.255/32").firstHost())).isEqualTo("10.0.1.0");
  }

  @Test
  void containsAddressesAndPrefixes() {
    Cidr cidr = Cidr.parse("10.10.0.0/16");
    assertThat(cidr.contains(Cidr.parseAddress("10.10.200.1"))).isTrue();
    assertThat(cidr.contains(Cidr.parseAddress("10.11.0.1"))).isFalse();
    assertThat(cidr.contains(Cidr.parseAddress("::1"))).isFalse();
    assertThat(cidr.contains(Cidr.parse("10.10.3.0/24"))).isTrue();
    assertThat(cidr.contains(Cidr.parse("10.0.0.0/8"))).isFalse();
  }

  @Test
  void withPrefixWritesDockersAddressForm() {
    Cidr cidr = Cidr.parse("fd00::/64");
    assertThat(cidr.withPrefix(Cidr.parseAddress("fd00:0::5"))).isEqualTo("fd00::5/64");
  }
}
