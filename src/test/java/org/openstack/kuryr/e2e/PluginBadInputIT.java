package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on every verb of the plugin protocol, sent to the packaged daemon backed by the real
 * Neutron: a 4xx with an {@code Err} that says what is wrong, never a 5xx or a 200 with an error.
 */
class PluginBadInputIT {
  private static final String ID = "ab".repeat(32);
  private static final String OTHER_ID = "cd".repeat(32);
  private static final String UNKNOWN_POOL = "4e1b2c3d-0000-4000-8000-000000000000";

  @TempDir static Path dir;
  private static KuryrDaemon daemon;

  @BeforeAll
  static void start() {
    daemon = KuryrDaemon.start(dir, "");
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static PluginSocket.Reply call(String verb, String body) {
    return PluginSocket.post(KuryrDaemon.SOCKET, verb, body);
  }

  private static void assertRejected(PluginSocket.Reply reply, String... phrases) {
    assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
    assertThat(reply.body()).startsWith("{\"Err\":\"");
    for (String phrase : phrases) {
      assertThat(reply.body()).contains(phrase);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NetworkDriver.CreateNetwork",
        "NetworkDriver.DeleteNetwork",
        "NetworkDriver.CreateEndpoint",
        "NetworkDriver.EndpointOperInfo",
        "NetworkDriver.DeleteEndpoint",
        "NetworkDriver.Join",
        "NetworkDriver.Leave",
        "NetworkDriver.ProgramExternalConnectivity",
        "NetworkDriver.RevokeExternalConnectivity",
        "NetworkDriver.AllocateNetwork",
        "NetworkDriver.FreeNetwork",
        "NetworkDriver.DiscoverNew",
        "NetworkDriver.DiscoverDelete",
        "IpamDriver.RequestPool",
        "IpamDriver.ReleasePool",
        "IpamDriver.RequestAddress",
        "IpamDriver.ReleaseAddress"
      })
  void malformedJsonAndEmptyBodiesAreRejectedOnEveryVerbWithArguments(String verb) {
    assertRejected(call(verb, "{\"NetworkID\": "), "malformed");
    assertRejected(call(verb, ""), "missing request body");
  }

  static Stream<Arguments> missingFields() {
    return Stream.of(
        Arguments.of("NetworkDriver.CreateNetwork", "{}", "NetworkID"),
        Arguments.of("NetworkDriver.DeleteNetwork", "{}", "NetworkID"),
        Arguments.of(
            "NetworkDriver.CreateEndpoint", "{\"NetworkID\":\"" + ID + "\"}", "EndpointID"),
        Arguments.of("NetworkDriver.Join", "{\"EndpointID\":\"" + ID + "\"}", "NetworkID"),
        Arguments.of("NetworkDriver.Leave", "{\"NetworkID\":\"" + ID + "\"}", "EndpointID"),
        Arguments.of("NetworkDriver.DeleteEndpoint", "{}", "NetworkID"),
        Arguments.of(
            "NetworkDriver.EndpointOperInfo", "{\"NetworkID\":\"" + ID + "\"}", "EndpointID"),
        Arguments.of("IpamDriver.ReleasePool", "{}", "PoolID"),
        Arguments.of("IpamDriver.RequestAddress", "{}", "PoolID"),
        Arguments.of("IpamDriver.ReleaseAddress", "{\"PoolID\":\"x\"}", "Address"),
        Arguments.of(
            "NetworkDriver.CreateNetwork", "{\"NetworkID\":\"not/an id\"}", "invalid NetworkID"));
  }

  @ParameterizedTest
  @MethodSource("missingFields")
  void missingOrInvalidRequiredFieldsAreNamed(String verb, String body, String field) {
    assertRejected(call(verb, body), field);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.300/24", "10.0.0.0", "fd00::/64", "junk"})
  void impossibleIpv4PoolsAreRejected(String cidr) {
    assertRejected(
        call(
            "IpamDriver.RequestPool",
            "{\"AddressSpace\":\"no_address_space\",\"Pool\":\""
                + cidr
                + "\",\"SubPool\":\"\",\"Options\":{},\"V6\":false}"));
  }

  @Test
  void subPoolOutsideThePoolIsRejected() {
    assertRejected(
        call(
            "IpamDriver.RequestPool",
            "{\"Pool\":\"10.9.0.0/24\",\"SubPool\":\"10.9.1.0/25\",\"V6\":false}"),
        "within");
  }

  @Test
  void endpointOnUnknownNetworkIsRejected() {
    assertRejected(
        call(
            "NetworkDriver.CreateEndpoint",
            "{\"NetworkID\":\""
                + ID
                + "\",\"EndpointID\":\""
                + OTHER_ID
                + "\",\"Interface\":{\"Address\":\"10.9.0.5/24\"},\"Options\":{}}"),
        "no Neutron network for Docker network");
  }

  @Test
  void joinOfUnknownEndpointIsRejected() {
    assertRejected(
        call(
            "NetworkDriver.Join",
            "{\"NetworkID\":\""
                + ID
                + "\",\"EndpointID\":\""
                + OTHER_ID
                + "\",\"SandboxKey\":\"/var/run/docker/netns/x\"}"),
        "no endpoint");
  }

  @Test
  void addressFromUnknownPoolIsRejected() {
    assertRejected(
        call(
            "IpamDriver.RequestAddress",
            "{\"PoolID\":\""
                + UNKNOWN_POOL
                + "\",\"Address\":\"\","
                + "\"Options\":{\"com.docker.network.endpoint.macaddress\":"
                + "\"02:42:0a:00:00:05\"}}"),
        "no Neutron subnet for pool");
  }

  @Test
  void releasesAndDeletesOfUnknownIdsSucceed() {
    String endpoint = "{\"NetworkID\":\"" + ID + "\",\"EndpointID\":\"" + OTHER_ID + "\"}";
    assertThat(call("NetworkDriver.DeleteEndpoint", endpoint).status()).isEqualTo(200);
    assertThat(call("NetworkDriver.Leave", endpoint).status()).isEqualTo(200);
    assertThat(call("NetworkDriver.RevokeExternalConnectivity", endpoint).status()).isEqualTo(200);
    assertThat(call("NetworkDriver.DeleteNetwork", "{\"NetworkID\":\"" + ID + "\"}").status())
        .isEqualTo(200);
    assertThat(call("IpamDriver.ReleasePool", "{\"PoolID\":\"" + UNKNOWN_POOL + "\"}").status())
        .isEqualTo(200);
    assertThat(
            call(
                    "IpamDriver.ReleaseAddress",
                    "{\"PoolID\":\"" + UNKNOWN_POOL + "\",\"Address\":\"10.9.0.5\"}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void unknownVerbIs404() {
    PluginSocket.Reply reply = call("NetworkDriver.Frobnicate", "{}");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body()).contains("unknown plugin call");
  }
}
