package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.logging.Logger;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.ResourceKind;

/** Releasing a container's port: Kuryr's are deleted, a user's are reset and untagged. */
final class PortCleanup {
  private static final Logger LOG = Logger.getLogger(PortCleanup.class.getName());

  private PortCleanup() {}

  /** Deletes a port Kuryr created; already gone is fine. */
  static void delete(NeutronClient neutron, String portId) {
    boolean deleted =
        NeutronFailures.call("delete port " + portId, () -> neutron.ports().delete(portId));
    if (deleted) {
      LOG.info(() -> "deleted port " + portId);
    }
  }

  /**
   * Gives a user's port back as it was before a container used it: unbound, no device, without the
   * tags of its use.
   */
  static void reset(NeutronClient neutron, Port port) {
    var request = PortRequest.builder().deviceOwner("").deviceId("").bindingHostId("");
    if (port.name().equals(KuryrTags.portName(port.deviceId()))) {
      request.name("");
    }
    NeutronFailures.call(
        "reset port " + port.id(), () -> neutron.ports().update(port.id(), request.build()));
    var tags = new ArrayList<>(port.tags());
    tags.removeIf(t -> t.equals(KuryrTags.EXISTING_PORT) || KuryrTags.isIdTag(t));
    NeutronFailures.call(
        "untag port " + port.id(),
        () -> neutron.tags().replace(ResourceKind.PORT, port.id(), tags));
    LOG.info(() -> "reset user port " + port.id());
  }
}
