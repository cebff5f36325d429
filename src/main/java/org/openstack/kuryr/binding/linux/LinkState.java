package org.openstack.kuryr.binding.linux;

import tools.jackson.databind.JsonNode;

/**
 * One device as {@code ip -json -details link show} describes it.
 *
 * @param name the device name
 * @param kind the link kind ({@code veth}, {@code vlan}, {@code macvlan}, {@code bridge}...), or
 *     {@code null} for a physical device
 * @param linkName the veth peer, or the parent of a VLAN or macvlan device, when it is in this
 *     namespace; otherwise {@code null}
 * @param linkInOtherNamespace whether the peer or parent lives in another network namespace
 * @param master the bridge the device is enslaved to, or {@code null}
 * @param vlanId the VLAN ID of a VLAN device, or {@code null}
 */
record LinkState(
    String name,
    String kind,
    String linkName,
    boolean linkInOtherNamespace,
    String master,
    Integer vlanId) {

  static LinkState fromJson(JsonNode link) {
    JsonNode info = link.path("linkinfo");
    JsonNode vlanId = info.path("info_data").path("id");
    return new LinkState(
        textOrNull(link.path("ifname")),
        textOrNull(info.path("info_kind")),
        textOrNull(link.path("link")),
        link.has("link_netnsid"),
        textOrNull(link.path("master")),
        vlanId.isInt() ? vlanId.asInt() : null);
  }

  private static String textOrNull(JsonNode node) {
    return node.isString() ? node.asString() : null;
  }
}
