package org.openstack.kuryr.mapping;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.SubPort;

/**
 * The VLAN IDs of one trunk: those its subports use and those this daemon is about to give to new
 * subports. The trunk's own subport list is the record; it is read when first needed and again
 * whenever this view may be stale (after a failed or uncertain change), so a restart loses no ID
 * and reuses none, and an ID taken by someone else is noticed.
 *
 * <p>An ID is reserved before its subport is added and either confirmed or given back afterwards,
 * so that concurrent containers never pick the same one.
 *
 * <p>Thread-safe.
 */
final class SegmentationIds {
  /** The lowest and highest usable VLAN IDs (0 and 4095 are reserved by 802.1Q). */
  static final int FIRST = 1;

  static final int LAST = 4094;

  private final Supplier<List<SubPort>> trunkSubports;
  private final Map<String, Integer> subports = new HashMap<>();
  private final Set<Integer> reserved = new HashSet<>();
  private boolean stale = true;

  /**
   * @param trunkSubports reads the trunk's subports from Neutron
   */
  SegmentationIds(Supplier<List<SubPort>> trunkSubports) {
    this.trunkSubports = trunkSubports;
  }

  /** The VLAN ID of the port if it is a subport of the trunk. */
  synchronized Optional<Integer> of(String portId) {
    loadIfStale();
    return Optional.ofNullable(subports.get(portId));
  }

  /**
   * Reserves the lowest VLAN ID that no subport uses and no other caller has reserved.
   *
   * @throws ConflictException when all 4094 are taken
   */
  synchronized int reserve() {
    loadIfStale();
    for (int id = FIRST; id <= LAST; id++) {
      if (!reserved.contains(id) && !subports.containsValue(id)) {
        reserved.add(id);
        return id;
      }
    }
    throw new ConflictException(
        "failed to choose a VLAN ID: all " + LAST + " are used by subports of the VM's trunk");
  }

  /** The port is now a subport with the reserved ID. */
  synchronized void confirm(String portId, int id) {
    reserved.remove(id);
    subports.put(portId, id);
  }

  /**
   * The reserved ID was not used after all. If the attempt may have changed the trunk (it failed
   * without a clear answer), the trunk is read again before the next choice.
   */
  synchronized void cancel(int id, boolean trunkMayHaveChanged) {
    reserved.remove(id);
    stale |= trunkMayHaveChanged;
  }

  /** The port is no longer a subport: its ID is free again. */
  synchronized void removed(String portId) {
    subports.remove(portId);
  }

  /** Forgets what is known, so the trunk is read again before the next answer. */
  synchronized void invalidate() {
    stale = true;
  }

  private void loadIfStale() {
    if (!stale) {
      return;
    }
    subports.clear();
    for (SubPort subport : trunkSubports.get()) {
      if (subport.segmentationId() != null) {
        subports.put(subport.portId(), subport.segmentationId());
      }
    }
    stale = false;
  }
}
