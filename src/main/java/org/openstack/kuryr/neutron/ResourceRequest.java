package org.openstack.kuryr.neutron;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a create or update request: only the attributes that were set are sent, so an update
 * changes nothing else. An attribute set to JSON null is sent as null, which Neutron reads as
 * "clear" where it means something (a subnet without gateway, a floating IP without port).
 *
 * <p>Tags are kept apart from the attributes: the client sends them in the create request where the
 * server accepts them there, and otherwise sets them right after creating.
 *
 * <p>Immutable and thread-safe; builders are not thread-safe.
 */
public abstract sealed class ResourceRequest
    permits NetworkRequest,
        SubnetRequest,
        SubnetPoolRequest,
        PortRequest,
        TrunkRequest,
        SecurityGroupRequest,
        SecurityGroupRuleRequest,
        RouterRequest,
        FloatingIpRequest,
        PortForwardingRequest {

  private final Map<String, Object> attributes;
  private final List<String> tags;

  ResourceRequest(Builder<?, ?> builder) {
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
    this.tags = List.copyOf(builder.tags);
  }

  /**
   * The attributes to send, by their JSON names, in the order set. A {@code null} value is sent as
   * JSON null. Values are strings, numbers, booleans, and lists and maps of those.
   */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The tags the created resource must carry; empty for none. Ignored by updates. */
  public List<String> tags() {
    return tags;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + attributes + (tags.isEmpty() ? "" : " tags=" + tags);
  }

  /**
   * The shared part of every request builder.
   *
   * @param <B> the concrete builder, returned by every setter
   * @param <R> the request it builds
   */
  public abstract static sealed class Builder<B extends Builder<B, R>, R extends ResourceRequest>
      permits NetworkRequest.Builder,
          SubnetRequest.Builder,
          SubnetPoolRequest.Builder,
          PortRequest.Builder,
          TrunkRequest.Builder,
          SecurityGroupRequest.Builder,
          SecurityGroupRuleRequest.Builder,
          RouterRequest.Builder,
          FloatingIpRequest.Builder,
          PortForwardingRequest.Builder {
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final List<String> tags = new ArrayList<>();

    Builder() {}

    /**
     * Sets an attribute this builder has no method for (one of a newer extension), sent as given.
     *
     * @param name the JSON name, e.g. {@code binding:profile}
     * @param value a string, number, boolean, list or map; {@code null} sends JSON null
     */
    public B attribute(String name, Object value) {
      attributes.put(Objects.requireNonNull(name, "name"), value);
      return self();
    }

    /** The request. */
    public abstract R build();

    B set(String name, Object value) {
      attributes.put(name, Objects.requireNonNull(value, name));
      return self();
    }

    B setTags(List<String> values) {
      values.forEach(tag -> Objects.requireNonNull(tag, "tag"));
      tags.addAll(values);
      return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }
  }

  static List<Map<String, Object>> fixedIps(List<FixedIp> fixedIps) {
    return fixedIps.stream().map(ResourceRequest::fixedIp).toList();
  }

  static Map<String, Object> fixedIp(FixedIp fixedIp) {
    var map = new LinkedHashMap<String, Object>();
    putIfPresent(map, "subnet_id", fixedIp.subnetId());
    putIfPresent(map, "ip_address", fixedIp.ipAddress());
    return map;
  }

  static List<Map<String, Object>> subPorts(List<SubPort> subPorts) {
    return subPorts.stream().map(ResourceRequest::subPort).toList();
  }

  static Map<String, Object> subPort(SubPort subPort) {
    var map = new LinkedHashMap<String, Object>();
    map.put("port_id", Objects.requireNonNull(subPort.portId(), "port_id"));
    putIfPresent(map, "segmentation_type", subPort.segmentationType());
    putIfPresent(map, "segmentation_id", subPort.segmentationId());
    return map;
  }

  static void putIfPresent(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }
}
