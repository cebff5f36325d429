package org.openstack.kuryr.docker.archfixture;

import org.openstack.kuryr.mapping.NetworkSpec;

/** A Docker-adapter type that depends on the mapping layer, which ArchitectureTest forbids. */
public final class DependsOnMapping {
  private DependsOnMapping() {}

  static String idOf(NetworkSpec spec) {
    return spec.dockerNetworkId();
  }
}
