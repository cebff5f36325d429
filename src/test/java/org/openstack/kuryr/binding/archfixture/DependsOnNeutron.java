package org.openstack.kuryr.binding.archfixture;

import org.openstack.kuryr.neutron.archfixture.NeutronResource;

/** A binding-layer type that reaches up into the Neutron layer, which ArchitectureTest forbids. */
public final class DependsOnNeutron {
  private DependsOnNeutron() {}

  static String idOf(NeutronResource resource) {
    return resource.id();
  }
}
