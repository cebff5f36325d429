package org.openstack.kuryr.mapping;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.openstack.kuryr.mapping.ExternalConnectivity.ExposedPort;
import org.openstack.kuryr.mapping.ExternalConnectivity.Protocol;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.SecurityGroup;
import org.openstack.kuryr.neutron.SecurityGroupRequest;
import org.openstack.kuryr.neutron.SecurityGroupRule;
import org.openstack.kuryr.neutron.SecurityGroupRuleRequest;

/**
 * The security group that opens a container's exposed ports ({@code --expose}, {@code EXPOSE}, and
 * the container side of {@code -p}): named {@code <port id>-exposed_ports} as by the original
 * kuryr-libnetwork, found again by the endpoint's tags, with one ingress rule per protocol, merged
 * port range and address family, and nothing else. It is added to the port's other groups, so it
 * only ever opens more.
 *
 * <p>Thread-safe (stateless); calls for one endpoint are serialized by the caller.
 */
final class ExposedPortsGroups {
  private static final Logger LOG = Logger.getLogger(ExposedPortsGroups.class.getName());

  private final NeutronClient neutron;

  ExposedPortsGroups(NeutronClient neutron) {
    this.neutron = neutron;
  }

  /**
   * Creates the group and adds it to the port, registering the undo of each step.
   *
   * @return the group's ID, or empty when there is nothing to open
   */
  Optional<String> open(EndpointState endpoint, List<ExposedPort> exposed, Rollback rollback) {
    Port port = endpoint.port();
    if (exposed.isEmpty()) {
      return Optional.empty();
    }
    if (Boolean.FALSE.equals(port.portSecurityEnabled())) {
      LOG.info(() -> "port " + port.id() + " has no port security: its ports are all open");
      return Optional.empty();
    }
    SecurityGroup group = create(endpoint);
    rollback.push(
        "security group " + group.id(), () -> neutron.securityGroups().delete(group.id()));
    removeDefaultRules(group);
    addRules(group, exposed, ethertypes(port));
    addToPort(port.id(), group.id());
    rollback.push("group of port " + port.id(), () -> removeFromPort(port.id(), group.id()));
    LOG.info(() -> "opened " + describe(exposed) + " of port " + port.id());
    return Optional.of(group.id());
  }

  private SecurityGroup create(EndpointState endpoint) {
    var request =
        SecurityGroupRequest.builder()
            .name(ServiceTags.exposedGroupName(endpoint.port().id()))
            .description(ServiceTags.exposedGroupDescription(endpoint.endpointId()))
            .tags(KuryrTags.idTags(endpoint.endpointId()));
    return NeutronFailures.call(
        "create security group for port " + endpoint.port().id(),
        () -> neutron.securityGroups().create(request.build()));
  }

  // Neutron gives a new group rules that let everything out; the port's own groups decide that.
  private void removeDefaultRules(SecurityGroup group) {
    for (SecurityGroupRule rule : group.securityGroupRules()) {
      NeutronFailures.call(
          "delete rule " + rule.id() + " of security group " + group.id(),
          () -> neutron.securityGroupRules().delete(rule.id()));
    }
  }

  private void addRules(SecurityGroup group, List<ExposedPort> exposed, Set<String> ethertypes) {
    for (Map.Entry<Protocol, List<PortRange>> entry : rangesByProtocol(exposed).entrySet()) {
      String protocol = entry.getKey().name().toLowerCase(Locale.ROOT);
      for (PortRange range : entry.getValue()) {
        for (String ethertype : ethertypes) {
          var rule =
              SecurityGroupRuleRequest.builder()
                  .securityGroupId(group.id())
                  .direction("ingress")
                  .ethertype(ethertype)
                  .protocol(protocol)
                  .portRange(range.first(), range.last())
                  .build();
          NeutronFailures.call(
              "open " + protocol + " " + range + " in security group " + group.id(),
              () -> neutron.securityGroupRules().create(rule));
        }
      }
    }
  }

  static Map<Protocol, List<PortRange>> rangesByProtocol(List<ExposedPort> exposed) {
    var ports = new TreeMap<Protocol, List<Integer>>();
    exposed.forEach(e -> ports.computeIfAbsent(e.protocol(), p -> new ArrayList<>()).add(e.port()));
    var ranges = new TreeMap<Protocol, List<PortRange>>();
    ports.forEach((protocol, numbers) -> ranges.put(protocol, PortRange.merge(numbers)));
    return ranges;
  }

  private static Set<String> ethertypes(Port port) {
    var ethertypes = new LinkedHashSet<String>();
    for (FixedIp ip : port.fixedIps()) {
      ethertypes.add(Cidr.parseAddress(ip.ipAddress()) instanceof Inet4Address ? "IPv4" : "IPv6");
    }
    return ethertypes;
  }

  private void addToPort(String portId, String groupId) {
    Port port = NeutronFailures.call("read port " + portId, () -> neutron.ports().get(portId));
    var groups = new ArrayList<>(port.securityGroups());
    if (groups.contains(groupId)) {
      return;
    }
    groups.add(groupId);
    updateGroups(portId, groups);
  }

  private void removeFromPort(String portId, String groupId) {
    Optional<Port> port =
        NeutronFailures.call("read port " + portId, () -> neutron.ports().find(portId));
    if (port.isEmpty() || !port.get().securityGroups().contains(groupId)) {
      return;
    }
    var groups = new ArrayList<>(port.get().securityGroups());
    groups.remove(groupId);
    updateGroups(portId, groups);
  }

  private void updateGroups(String portId, List<String> groups) {
    var request = PortRequest.builder().securityGroups(groups).build();
    NeutronFailures.call(
        "set security groups of port " + portId, () -> neutron.ports().update(portId, request));
  }

  /** Takes the group off the port and deletes it. Idempotent. */
  void close(EndpointState endpoint, String groupId) {
    removeFromPort(endpoint.port().id(), groupId);
    boolean deleted =
        NeutronFailures.call(
            "delete security group " + groupId, () -> neutron.securityGroups().delete(groupId));
    if (deleted) {
      LOG.info(() -> "closed the exposed ports of port " + endpoint.port().id());
    }
  }

  /** Closes every group found by the endpoint's tags (after a restart). Idempotent. */
  void closeFound(EndpointState endpoint) {
    var tags = KuryrTags.idTags(endpoint.endpointId()).toArray(String[]::new);
    List<SecurityGroup> found =
        NeutronFailures.call(
            "find security groups of endpoint " + NetworkDirectory.shortId(endpoint.endpointId()),
            () -> neutron.securityGroups().list(Query.tagged(tags)));
    found.forEach(group -> close(endpoint, group.id()));
  }

  private static String describe(List<ExposedPort> exposed) {
    var parts = new ArrayList<String>();
    rangesByProtocol(exposed)
        .forEach(
            (protocol, ranges) ->
                ranges.forEach(r -> parts.add(r + "/" + protocol.name().toLowerCase(Locale.ROOT))));
    return String.join(", ", parts);
  }
}
