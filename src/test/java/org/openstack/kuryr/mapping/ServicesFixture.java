package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.mapping.ExternalConnectivity.ExposedPort;
import org.openstack.kuryr.mapping.ExternalConnectivity.Protocol;
import org.openstack.kuryr.mapping.ExternalConnectivity.PublishedPort;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;

/**
 * The mapping services over {@link FakeNeutron} and a binder that plugs nothing, with a Docker
 * network on a routed subnet, for driving the plugin calls in the orders Docker engines make them.
 */
final class ServicesFixture {
  static final String HOST = "host-1";

  final FakeNeutron neutron = new FakeNeutron();
  final FakeNeutron.Outside outside = neutron.outside();
  final FakeNeutron.Tenant tenant = neutron.tenant("10.5.0.0/24", "10.5.0.1");
  final String dockerNetworkId = dockerId();
  final List<String> unplugged = new ArrayList<>();
  private int nextAddress = 20;
  private MappingServices services;

  ServicesFixture() {
    neutron.attach(outside.routerId(), tenant.subnetId());
    neutron
        .tags()
        .replace(ResourceKind.NETWORK, tenant.networkId(), KuryrTags.idTags(dockerNetworkId));
    neutron.defaultGroup();
    services = services(ServiceSettings.defaults());
  }

  /** Rewires the services, as a restarted daemon or other configuration would. */
  ServicesFixture restart(ServiceSettings settings) {
    services = services(settings);
    return this;
  }

  private MappingServices services(ServiceSettings settings) {
    var mapping =
        new MappingSettings(
            HOST,
            "kuryrPool",
            false,
            new MappingSettings.DefaultPool("kuryr", false, List.of(), 24),
            new MappingSettings.DefaultPool("kuryr6", false, List.of(), 64),
            Duration.ZERO,
            true,
            MappingSettings.PortPool.DISABLED);
    return MappingServices.create(neutron, new NoBinder(), mapping, settings);
  }

  EndpointService endpoints() {
    return services.endpoints();
  }

  NetworkService networks() {
    return services.networks();
  }

  static String dockerId() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Reserves a port as IPAM does and creates the endpoint on it; returns the endpoint ID. */
  String container(Map<String, String> options) {
    String endpointId = dockerId();
    String address = "10.5.0." + nextAddress++;
    neutron.put(
        ResourceKind.PORT,
        Map.of(
            "name",
            KuryrTags.UNBOUND_PORT_NAME,
            "network_id",
            tenant.networkId(),
            "mac_address",
            "fa:16:3e:aa:bb:" + Integer.toHexString(nextAddress),
            "fixed_ips",
            List.of(Map.of("subnet_id", tenant.subnetId(), "ip_address", address)),
            "security_groups",
            List.of(neutron.defaultGroup()),
            "port_security_enabled",
            true,
            "tags",
            new ArrayList<>(List.of(KuryrTags.KURYR_PORT))));
    endpoints()
        .createEndpoint(
            new EndpointSpec(
                dockerNetworkId,
                endpointId,
                Optional.of(address + "/24"),
                Optional.empty(),
                Optional.empty(),
                options));
    return endpointId;
  }

  String container() {
    return container(Map.of());
  }

  Port portOf(String endpointId) {
    return neutron.ports().list(Query.where("device_id", endpointId)).getFirst();
  }

  void program(String endpointId, List<ExposedPort> exposed, List<PublishedPort> published) {
    endpoints()
        .programExternalConnectivity(
            new ExternalConnectivity(dockerNetworkId, endpointId, exposed, published));
  }

  void revoke(String endpointId) {
    endpoints().revokeExternalConnectivity(dockerNetworkId, endpointId);
  }

  void delete(String endpointId) {
    endpoints().deleteEndpoint(dockerNetworkId, endpointId);
  }

  static ExposedPort tcp(int port) {
    return new ExposedPort(Protocol.TCP, port);
  }

  static ExposedPort udp(int port) {
    return new ExposedPort(Protocol.UDP, port);
  }

  static PublishedPort publish(int hostPort, int port) {
    return new PublishedPort(Protocol.TCP, port, "", hostPort, hostPort);
  }

  /** What Neutron holds that Kuryr made for Neutron's services. */
  List<String> leftovers() {
    var left = new ArrayList<String>();
    neutron.rows(ResourceKind.FLOATING_IP).forEach(f -> left.add("floating IP " + f));
    neutron.rows(ResourceKind.SECURITY_GROUP).stream()
        .filter(g -> String.valueOf(g.get("name")).endsWith("-exposed_ports"))
        .forEach(g -> left.add("group " + g));
    neutron.rows(ResourceKind.PORT).stream()
        .filter(p -> String.valueOf(p.get("tags")).contains("kuryr.port."))
        .forEach(p -> left.add("marked port " + p));
    return left;
  }

  private final class NoBinder implements PortBinder {
    @Override
    public PluggedInterface plug(BoundPort port) {
      return new PluggedInterface(
          hostDeviceName(port.portId()), containerDeviceName(port.portId()), port.macAddress());
    }

    @Override
    public void unplug(BoundPort port) {
      unplugged.add(port.portId());
    }

    @Override
    public DataplaneState awaitDataplaneReady(BoundPort port, Duration timeout) {
      return DataplaneState.READY;
    }

    @Override
    public String containerDeviceName(String portId) {
      return "t_c" + portId.substring(0, 11);
    }

    @Override
    public String hostDeviceName(String portId) {
      return "tap" + portId.substring(0, 11);
    }
  }
}
