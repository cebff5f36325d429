package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.error.UnavailableException;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;

/**
 * Neutron's failures become Kuryr's own, with a status of their own: Neutron's status never reaches
 * Docker (a 404 in particular, which Docker reads as "no such plugin method"), and the message
 * names what was being done and to what.
 */
class NeutronErrorTranslationTest {

  /**
   * A call whose Neutron request fails.
   *
   * @param name for the display name
   * @param method the request's method
   * @param resource the request's resource
   * @param call prepares a harness and gives the call to make on it
   */
  private record Operation(
      String name, String method, String resource, Function<MappingHarness, Runnable> call) {
    @Override
    public String toString() {
      return name;
    }
  }

  private record Translation(
      int neutronStatus, String neutronType, Class<? extends KuryrException> kind, int status) {
    @Override
    public String toString() {
      return "Neutron " + neutronStatus + (neutronType == null ? "" : " " + neutronType);
    }
  }

  static Stream<Arguments> failures() {
    List<Translation> translations =
        List.of(
            new Translation(400, "InvalidInput", InvalidRequestException.class, 400),
            new Translation(409, "Conflict", ConflictException.class, 409),
            new Translation(409, "OverQuota", ConflictException.class, 409),
            new Translation(404, "NotFound", ConflictException.class, 409),
            new Translation(401, null, InternalException.class, 500),
            new Translation(403, "PolicyNotAuthorized", InternalException.class, 500),
            new Translation(500, null, UnavailableException.class, 503),
            new Translation(503, null, UnavailableException.class, 503),
            new Translation(0, null, UnavailableException.class, 503));
    // A delete answered 404 found the resource already gone: that is success, not a failure.
    return operations()
        .flatMap(
            o ->
                translations.stream()
                    .filter(t -> !(o.method().equals("DELETE") && t.neutronStatus() == 404))
                    .map(t -> Arguments.of(o, t)));
  }

  private static Stream<Operation> operations() {
    return Stream.of(
        new Operation(
            "RequestPool",
            "POST",
            "subnetpools",
            h ->
                () ->
                    h.services
                        .ipam()
                        .requestPool(new PoolRequest("10.110.0.0/24", "", Map.of(), false))),
        new Operation(
            "CreateNetwork",
            "POST",
            "subnets",
            h -> () -> h.docker.network(dockerId("net")).subnet("10.111.0.0/24").create()),
        new Operation(
            "RequestAddress",
            "POST",
            "ports",
            h -> {
              DockerNetwork network =
                  h.docker.network(dockerId("net")).subnet("10.112.0.0/24").create();
              return () -> h.docker.run(network, dockerId("ep1")).start();
            }),
        new Operation(
            "CreateEndpoint",
            "PUT",
            "ports/tags",
            h -> {
              DockerNetwork network =
                  h.docker.network(dockerId("net")).subnet("10.113.0.0/24").create();
              return () -> h.docker.run(network, dockerId("ep1")).start();
            }),
        new Operation(
            "DeleteNetwork",
            "DELETE",
            "networks",
            h -> {
              DockerNetwork network =
                  h.docker.network(dockerId("net")).subnet("10.114.0.0/24").create();
              return () -> h.services.networks().deleteNetwork(network.id());
            }));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("failures")
  void neutronFailureBecomesKuryrsOwnAndNamesTheObject(Operation operation, Translation expected) {
    var host = new MappingHarness();
    Runnable call = operation.call().apply(host);
    host.neutron.failOn(
        operation.method(),
        operation.resource(),
        1,
        expected.neutronStatus(),
        expected.neutronType());

    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            expected.kind(), e -> assertThat(e.httpStatus()).isEqualTo(expected.status()))
        .hasMessageStartingWith("failed to ")
        .hasMessageContaining(objectOf(operation, host))
        .satisfies(e -> assertThat(((KuryrException) e).httpStatus()).isNotEqualTo(404));
  }

  private static String objectOf(Operation operation, MappingHarness host) {
    return switch (operation.name()) {
      case "RequestPool" -> "10.110.0.0/24";
      case "CreateNetwork" -> "10.111.0.0/24";
      case "RequestAddress" -> "10.112.0.0/24";
      case "CreateEndpoint" -> "with endpoint " + NetworkDirectory.shortId(dockerId("ep1"));
      default -> host.neutron.state().networks().getFirst().id();
    };
  }
}
