package org.openstack.kuryr.host.archfixture;

import org.openstack.kuryr.binding.BoundPort;

/** A host-layer type that depends on the binding layer, which ArchitectureTest forbids. */
public final class DependsOnBinding {
  private DependsOnBinding() {}

  static String idOf(BoundPort port) {
    return port.portId();
  }
}
