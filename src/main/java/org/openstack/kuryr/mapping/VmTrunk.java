package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.SubPort;

/**
 * The trunk whose parent is the port of the VM this daemon runs in: container ports become its
 * subports, each on a VLAN ID of its own.
 *
 * <p>The trunk is found from the VM port ({@code trunk_details}) when first needed and again after
 * it went missing, so a trunk created after the daemon started is used.
 *
 * <p>Thread-safe.
 */
final class VmTrunk {
  private static final Logger LOG = Logger.getLogger(VmTrunk.class.getName());

  // Each retry follows a VLAN ID that another writer took since the trunk was read.
  private static final int ADD_ATTEMPTS = 5;

  private final NeutronClient neutron;
  private final String vmPortId;
  private final SegmentationIds ids;
  private volatile String trunkId;

  VmTrunk(NeutronClient neutron, String vmPortId) {
    this.neutron = neutron;
    this.vmPortId = vmPortId;
    this.ids = new SegmentationIds(this::readSubports);
  }

  /**
   * The trunk's ID.
   *
   * @throws ConflictException when the VM port is not the parent of a trunk
   */
  String id() {
    return find()
        .orElseThrow(
            () ->
                new ConflictException(
                    "VM port "
                        + vmPortId
                        + " has no trunk: nested VLAN mode needs one (openstack network trunk"
                        + " create --parent-port "
                        + vmPortId
                        + " <name>)"));
  }

  /** The trunk's ID, or empty when the VM port is (now) no trunk's parent. */
  private Optional<String> find() {
    String known = trunkId;
    if (known != null) {
      return Optional.of(known);
    }
    Port vmPort =
        NeutronFailures.call("read VM port " + vmPortId, () -> neutron.ports().get(vmPortId));
    if (vmPort.trunkDetails() == null || vmPort.trunkDetails().trunkId() == null) {
      return Optional.empty();
    }
    trunkId = vmPort.trunkDetails().trunkId();
    return Optional.of(trunkId);
  }

  /** The VLAN ID of the port if it is a subport of the trunk. */
  Optional<Integer> segmentationIdOf(String portId) {
    return ids.of(portId);
  }

  /**
   * Makes the port a subport of the trunk on a VLAN ID no other subport uses; a port that is a
   * subport already keeps its ID.
   *
   * @return the VLAN ID
   */
  int ensureSubport(String portId) {
    Optional<Integer> known = ids.of(portId);
    if (known.isPresent()) {
      return known.get();
    }
    for (int attempt = 1; attempt < ADD_ATTEMPTS; attempt++) {
      Optional<Integer> added = tryAdd(portId, false);
      if (added.isPresent()) {
        return added.get();
      }
    }
    return tryAdd(portId, true).orElseThrow();
  }

  // Empty when another writer took the chosen VLAN ID since the trunk was read: choose again.
  private Optional<Integer> tryAdd(String portId, boolean lastAttempt) {
    String trunk = id();
    int vlanId = ids.reserve();
    try {
      neutron.trunks().addSubports(trunk, List.of(SubPort.vlan(portId, vlanId)));
    } catch (NeutronException.Conflict e) {
      ids.cancel(vlanId, true);
      return afterConflict(portId, vlanId, lastAttempt, e);
    } catch (NeutronException e) {
      ids.cancel(vlanId, true);
      throw NeutronFailures.translate("add port " + portId + " to trunk " + trunk, e);
    } catch (RuntimeException e) {
      ids.cancel(vlanId, true);
      throw e;
    }
    ids.confirm(portId, vlanId);
    LOG.info(() -> "added port " + portId + " to trunk " + trunk + " on VLAN " + vlanId);
    return Optional.of(vlanId);
  }

  private Optional<Integer> afterConflict(
      String portId, int vlanId, boolean lastAttempt, NeutronException.Conflict conflict) {
    // An earlier attempt whose answer was lost may have added the port already.
    Optional<Integer> meanwhile = ids.of(portId);
    if (meanwhile.isPresent()) {
      return meanwhile;
    }
    if (lastAttempt || !"DuplicateSubPort".equals(conflict.neutronType())) {
      throw NeutronFailures.translate("add port " + portId + " to trunk " + trunkId, conflict);
    }
    LOG.warning(() -> "VLAN " + vlanId + " was taken on trunk " + trunkId + "; choosing again");
    return Optional.empty();
  }

  /**
   * Takes the port off the trunk; a port that is not a subport (any more), or a trunk that is gone
   * with its subports, is fine.
   */
  void removeSubport(String portId) {
    Optional<String> trunk = find();
    if (trunk.isEmpty()) {
      ids.removed(portId);
      return;
    }
    try {
      neutron.trunks().removeSubports(trunk.get(), List.of(portId));
      LOG.info(() -> "removed port " + portId + " from trunk " + trunk.get());
    } catch (NeutronException.NotFound e) {
      forgetIfGone(e);
      LOG.fine(() -> "port " + portId + " was not on trunk " + trunk.get());
    } catch (NeutronException e) {
      ids.invalidate();
      throw NeutronFailures.translate("remove port " + portId + " from trunk " + trunk.get(), e);
    }
    ids.removed(portId);
  }

  // A deleted trunk took its subports with it; the VM port may get a new one.
  private void forgetIfGone(NeutronException.NotFound e) {
    if ("TrunkNotFound".equals(e.neutronType())) {
      trunkId = null;
      ids.invalidate();
    }
  }

  private List<SubPort> readSubports() {
    Optional<String> trunk = find();
    if (trunk.isEmpty()) {
      return List.of();
    }
    try {
      return neutron.trunks().subports(trunk.get());
    } catch (NeutronException.NotFound e) {
      forgetIfGone(e);
      throw NeutronFailures.translate("read the subports of trunk " + trunk.get(), e);
    } catch (NeutronException e) {
      throw NeutronFailures.translate("read the subports of trunk " + trunk.get(), e);
    }
  }
}
