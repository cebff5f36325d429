package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FakeHttpServer;
import org.openstack.kuryr.neutron.FakeHttpServer.Reply;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.RouterInterfaceRequest;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.auth.AuthSettings;
import org.openstack.kuryr.neutron.auth.Credentials;
import org.openstack.kuryr.neutron.auth.EndpointSelection;
import org.openstack.kuryr.neutron.transport.RetryPolicy;
import org.openstack.kuryr.neutron.transport.TlsSettings;

class HttpNeutronClientTest {
  private static final String EXTENSIONS_WITH_PORT_TAGS =
      "{\"extensions\": [{\"alias\": \"standard-attr-tag\"},"
          + " {\"alias\": \"tag-ports-during-bulk-creation\"}]}";
  private static final String EXTENSIONS_WITHOUT_PORT_TAGS =
      "{\"extensions\": [{\"alias\": \"standard-attr-tag\"}]}";
  private static final String PORT_P1 =
      "{\"port\": {\"id\": \"P1\", \"network_id\": \"N1\", \"tags\": [], \"revision_number\": 1}}";

  private final FakeHttpServer neutron = FakeHttpServer.start();
  private final HttpNeutronClient client =
      HttpNeutronClient.builder(noauth())
          .retryPolicy(
              new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)))
          .build();

  @AfterEach
  void stop() {
    client.close();
    neutron.close();
  }

  @Test
  void listFollowsNextLinksUsingOnlyTheirQuery() {
    neutron.enqueue(
        Reply.json(
            200,
            "{\"ports\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"ports_links\": [{\"rel\": \"next\","
                + " \"href\": \"http://neutron.internal:9696/v2.0/ports?limit=2&marker=b\"}]}"),
        Reply.json(200, "{\"ports\": [{\"id\": \"c\"}], \"ports_links\": []}"));

    List<Port> ports = client.ports().list(Query.builder().pageSize(2).build());

    assertThat(ports).extracting(Port::id).containsExactly("a", "b", "c");
    assertThat(neutron.requests())
        .extracting(FakeHttpServer.Recorded::target)
        .containsExactly("/v2.0/ports?limit=2", "/v2.0/ports?limit=2&marker=b");
  }

  @Test
  void listStopsWhenANextLinkComesAgain() {
    String page =
        "{\"ports\": [{\"id\": \"a\"}], \"ports_links\": [{\"rel\": \"next\","
            + " \"href\": \"http://x/v2.0/ports?marker=a\"}]}";
    neutron.route(r -> Reply.json(200, page));

    assertThat(client.ports().list()).hasSize(2);
    assertThat(neutron.requests()).hasSize(2);
  }

  @Test
  void listSendsTheQuery() {
    neutron.enqueue(Reply.json(200, "{\"networks\": []}"));

    client.networks().list(Query.builder().where("name", "a b").tags("x", "y").build());

    assertThat(neutron.requests().getFirst().target())
        .isEqualTo("/v2.0/networks?name=a+b&tags=x,y");
  }

  @Test
  void createSendsTagsInTheRequestWhenTheServerTakesThem() {
    neutron.enqueue(
        Reply.json(200, EXTENSIONS_WITH_PORT_TAGS),
        Reply.json(201, "{\"port\": {\"id\": \"P1\", \"tags\": [\"t\"], \"revision_number\": 1}}"));

    Port port =
        client.ports().create(PortRequest.builder().networkId("N1").tags(List.of("t")).build());

    assertThat(port.tags()).containsExactly("t");
    assertThat(neutron.requests()).hasSize(2);
    assertThat(neutron.requests().get(1).body())
        .isEqualTo("{\"port\":{\"network_id\":\"N1\",\"tags\":[\"t\"]}}");
  }

  @Test
  void createTagsRightAfterWhenTheServerCannotTagOnCreate() {
    neutron.enqueue(
        Reply.json(200, EXTENSIONS_WITHOUT_PORT_TAGS),
        Reply.json(201, PORT_P1),
        Reply.json(200, "{\"tags\": [\"t\"]}"));

    Port port =
        client.ports().create(PortRequest.builder().networkId("N1").tags(List.of("t")).build());

    assertThat(port.tags()).containsExactly("t");
    assertThat(port.revisionNumber()).isNull();
    var requests = neutron.requests();
    assertThat(requests.get(1).body()).isEqualTo("{\"port\":{\"network_id\":\"N1\"}}");
    assertThat(requests.get(2).method()).isEqualTo("PUT");
    assertThat(requests.get(2).target()).isEqualTo("/v2.0/ports/P1/tags");
    assertThat(requests.get(2).body()).isEqualTo("{\"tags\":[\"t\"]}");
  }

  @Test
  void createTagsRightAfterWhenTheServerDroppedTheTagsOfTheRequest() {
    neutron.enqueue(
        Reply.json(200, EXTENSIONS_WITH_PORT_TAGS),
        Reply.json(201, PORT_P1),
        Reply.json(200, "{\"tags\": [\"t\"]}"));

    Port port =
        client.ports().create(PortRequest.builder().networkId("N1").tags(List.of("t")).build());

    assertThat(port.tags()).containsExactly("t");
    assertThat(neutron.requests().get(2).target()).isEqualTo("/v2.0/ports/P1/tags");
  }

  @Test
  void createDeletesTheResourceAgainWhenTaggingFails() {
    neutron.enqueue(Reply.json(200, EXTENSIONS_WITHOUT_PORT_TAGS), Reply.json(201, PORT_P1));
    neutron.route(r -> r.method().equals("DELETE") ? Reply.status(204) : Reply.json(503, "{}"));

    assertThatThrownBy(
            () ->
                client
                    .ports()
                    .create(PortRequest.builder().networkId("N1").tags(List.of("t")).build()))
        .isInstanceOf(NeutronException.Unavailable.class)
        .hasMessageStartingWith("failed to set tags of port P1: HTTP 503");
    assertThat(neutron.requests().getLast().method()).isEqualTo("DELETE");
    assertThat(neutron.requests().getLast().target()).isEqualTo("/v2.0/ports/P1");
  }

  @Test
  void createOfANetworkWithoutTagsDoesNotAskForExtensions() {
    neutron.enqueue(Reply.json(201, "{\"network\": {\"id\": \"N1\"}}"));

    client.networks().create(org.openstack.kuryr.neutron.NetworkRequest.builder().build());

    assertThat(neutron.requests()).hasSize(1);
  }

  @Test
  void bulkCreateSendsAllPortsInOneRequest() {
    neutron.enqueue(
        Reply.json(200, EXTENSIONS_WITH_PORT_TAGS),
        Reply.json(201, "{\"ports\": [{\"id\": \"P1\", \"tags\": [\"a\"]}, {\"id\": \"P2\"}]}"));

    List<Port> ports =
        client
            .ports()
            .create(
                List.of(
                    PortRequest.builder().networkId("N1").tags(List.of("a")).build(),
                    PortRequest.builder().networkId("N1").build()));

    assertThat(ports).extracting(Port::id).containsExactly("P1", "P2");
    assertThat(neutron.requests().get(1).body())
        .isEqualTo(
            "{\"ports\":[{\"network_id\":\"N1\",\"tags\":[\"a\"]},{\"network_id\":\"N1\"}]}");
    assertThat(client.requestCounters().network("POST")).isEqualTo(1);
    assertThat(neutron.requests()).hasSize(2);
  }

  @Test
  void bulkCreateDeletesEveryPortWhenTaggingOneFails() {
    neutron.enqueue(
        Reply.json(200, EXTENSIONS_WITHOUT_PORT_TAGS),
        Reply.json(201, "{\"ports\": [{\"id\": \"P1\"}, {\"id\": \"P2\"}]}"),
        Reply.json(200, "{\"tags\": [\"a\"]}"),
        Reply.json(404, "{\"NeutronError\": {\"type\": \"PortNotFound\", \"message\": \"m\"}}"));
    neutron.route(r -> Reply.status(204));

    assertThatThrownBy(
            () ->
                client
                    .ports()
                    .create(
                        List.of(
                            PortRequest.builder().tags(List.of("a")).build(),
                            PortRequest.builder().tags(List.of("b")).build())))
        .isInstanceOf(NeutronException.NotFound.class);
    assertThat(neutron.requests())
        .filteredOn(r -> r.method().equals("DELETE"))
        .extracting(FakeHttpServer.Recorded::target)
        .containsExactly("/v2.0/ports/P1", "/v2.0/ports/P2");
  }

  @Test
  void deleteOfAResourceAlreadyGoneReturnsFalse() {
    neutron.enqueue(Reply.status(204), Reply.json(404, "{\"NeutronError\": {}}"));

    assertThat(client.subnets().delete("S1")).isTrue();
    assertThat(client.subnets().delete("S1")).isFalse();
  }

  @Test
  void updateAtARevisionSendsIfMatch() {
    neutron.enqueue(Reply.json(200, PORT_P1));

    client.ports().update("P1", PortRequest.builder().name("n").build(), 7);

    var request = neutron.requests().getFirst();
    assertThat(request.header("If-Match")).isEqualTo("revision_number=7");
    assertThat(request.body()).isEqualTo("{\"port\":{\"name\":\"n\"}}");
  }

  @Test
  void explicitNullsAreSentAsJsonNull() {
    neutron.enqueue(
        Reply.json(200, "{\"subnet\": {\"id\": \"S1\", \"gateway_ip\": null}}"),
        Reply.json(200, "{\"floatingip\": {\"id\": \"F1\", \"port_id\": null}}"));

    var subnet = client.subnets().update("S1", SubnetRequest.builder().noGateway().build());
    var fip = client.floatingIps().update("F1", FloatingIpRequest.disassociate());

    assertThat(neutron.requests().get(0).body()).isEqualTo("{\"subnet\":{\"gateway_ip\":null}}");
    assertThat(neutron.requests().get(1).body()).isEqualTo("{\"floatingip\":{\"port_id\":null}}");
    assertThat(subnet.gatewayIp()).isNull();
    assertThat(fip.portId()).isNull();
  }

  @Test
  void capabilitiesAreReadOnceAndAFailureIsNotKept() {
    neutron.enqueue(Reply.json(400, "{}"), Reply.json(200, EXTENSIONS_WITH_PORT_TAGS));

    assertThatThrownBy(client::capabilities).isInstanceOf(NeutronException.BadRequest.class);
    assertThat(client.capabilities().tagsOnCreate(ResourceKind.PORT)).isTrue();
    assertThat(client.capabilities().tags()).isTrue();
    assertThat(neutron.requests()).hasSize(2);
  }

  @Test
  void removingARouterInterfaceAlreadyGoneReturnsFalse() {
    neutron.enqueue(
        Reply.json(200, "{\"id\": \"R1\", \"subnet_id\": \"S1\", \"port_id\": \"P9\"}"),
        Reply.json(404, "{\"NeutronError\": {\"type\": \"RouterInterfaceNotFoundForSubnet\"}}"));

    var added = client.routers().addInterface("R1", RouterInterfaceRequest.subnet("S1"));
    boolean removed = client.routers().removeInterface("R1", RouterInterfaceRequest.subnet("S1"));

    assertThat(added.routerId()).isEqualTo("R1");
    assertThat(added.portId()).isEqualTo("P9");
    assertThat(removed).isFalse();
    assertThat(neutron.requests().get(1).target())
        .isEqualTo("/v2.0/routers/R1/remove_router_interface");
    assertThat(neutron.requests().get(1).body()).isEqualTo("{\"subnet_id\":\"S1\"}");
  }

  @Test
  void trunkSubportActionsUseNeutronsPathsAndBodies() {
    String trunk =
        "{\"id\": \"T1\", \"sub_ports\": [{\"port_id\": \"P2\", \"segmentation_id\": 5}]}";
    neutron.enqueue(
        Reply.json(200, trunk),
        Reply.json(200, "{\"id\": \"T1\", \"sub_ports\": []}"),
        Reply.json(200, "{\"sub_ports\": []}"));

    var added = client.trunks().addSubports("T1", List.of(SubPort.vlan("P2", 5)));
    client.trunks().removeSubports("T1", List.of("P2"));
    client.trunks().subports("T1");

    assertThat(added.subPorts()).extracting(SubPort::segmentationId).containsExactly(5);
    var requests = neutron.requests();
    assertThat(requests.get(0).body())
        .isEqualTo(
            "{\"sub_ports\":[{\"port_id\":\"P2\",\"segmentation_type\":\"vlan\","
                + "\"segmentation_id\":5}]}");
    assertThat(requests.get(1).target()).isEqualTo("/v2.0/trunks/T1/remove_subports");
    assertThat(requests.get(1).body()).isEqualTo("{\"sub_ports\":[{\"port_id\":\"P2\"}]}");
    assertThat(requests.get(2).target()).isEqualTo("/v2.0/trunks/T1/get_subports");
  }

  @Test
  void portForwardingsLiveUnderTheirFloatingIp() {
    neutron.enqueue(Reply.json(200, "{\"port_forwardings\": [{\"id\": \"PF1\"}]}"));

    var forwardings = client.portForwardings("F1").list();

    assertThat(forwardings).hasSize(1);
    assertThat(neutron.requests().getFirst().target())
        .isEqualTo("/v2.0/floatingips/F1/port_forwardings");
  }

  @Test
  void tagsAreAddedAndRemovedByPathAndRemovalIsIdempotent() {
    neutron.enqueue(Reply.status(201), Reply.status(204), Reply.json(404, "{}"));

    client.tags().add(ResourceKind.PORT, "P1", "a b");
    assertThat(client.tags().remove(ResourceKind.PORT, "P1", "a b")).isTrue();
    assertThat(client.tags().remove(ResourceKind.PORT, "P1", "a b")).isFalse();

    assertThat(neutron.requests().getFirst().target()).isEqualTo("/v2.0/ports/P1/tags/a%20b");
  }

  @Test
  void tagsThatNeutronCannotRouteAreRefusedBeforeSending() {
    assertThatThrownBy(() -> client.tags().add(ResourceKind.PORT, "P1", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.tags().list(ResourceKind.SECURITY_GROUP_RULE, "R1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(neutron.requests()).isEmpty();
  }

  @Test
  void unreadableAnswerIsUnavailableAndSaysTheRequestMayHaveBeenApplied() {
    neutron.enqueue(Reply.json(201, "<html>oops</html>"));

    assertThatThrownBy(
            () ->
                client
                    .networks()
                    .create(org.openstack.kuryr.neutron.NetworkRequest.builder().build()))
        .isInstanceOfSatisfying(
            NeutronException.Unavailable.class, e -> assertThat(e.mayHaveBeenApplied()).isTrue())
        .hasMessageStartingWith("failed to create network: unreadable answer");
  }

  @Test
  void countersCountEveryRequestByMethod() {
    neutron.route(r -> Reply.json(200, "{\"networks\": []}"));

    client.networks().list();
    client.networks().list();

    assertThat(client.requestCounters().network()).isEqualTo(2);
    assertThat(client.requestCounters().network("GET")).isEqualTo(2);
    assertThat(client.requestCounters().identity()).isZero();
    assertThat(client.requestCounters().snapshot()).containsEntry("network GET", 2L);
  }

  @Test
  void aFailingListenerDoesNotFailTheRequest() {
    neutron.enqueue(Reply.json(200, "{\"networks\": []}"));
    var fragile =
        HttpNeutronClient.builder(noauth())
            .listener(
                event -> {
                  throw new IllegalStateException("listener bug");
                })
            .build();

    try (fragile) {
      assertThat(fragile.networks().list()).isEmpty();
      assertThat(fragile.requestCounters().network()).isEqualTo(1);
    }
  }

  private AuthSettings noauth() {
    return new AuthSettings(
        new Credentials.None(),
        EndpointSelection.fixed(neutron.uri()),
        TlsSettings.DEFAULT,
        Duration.ofSeconds(5));
  }
}
