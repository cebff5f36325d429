package org.openstack.kuryr.mapping;

/** Docker networks as Neutron networks. Thread-safe; deletes are idempotent. */
public interface NetworkService {
  /** Creates (or adopts) the Neutron network and subnets of a Docker network. */
  void createNetwork(NetworkSpec spec);

  /** Deletes what Kuryr created for a Docker network and releases what it adopted. */
  void deleteNetwork(String dockerNetworkId);
}
