package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.logging.Logger;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;

/**
 * Nested VLAN mode's address releases. Neutron refuses to delete a port that is still a trunk
 * subport, which happens when Docker gives an address back without a successful DeleteEndpoint
 * first (the daemon stopped halfway through CreateEndpoint, say). Such a port's device is removed,
 * the port taken off the VM's trunk and the release tried again; in the usual order nothing extra
 * is asked of Neutron.
 *
 * <p>Thread-safe.
 */
final class SubportReleasingIpam implements IpamService {
  private static final Logger LOG = Logger.getLogger(SubportReleasingIpam.class.getName());

  private final IpamService ipam;
  private final NeutronClient neutron;
  private final VmTrunk trunk;
  private final TrunkSubportAttachment attachment;

  SubportReleasingIpam(
      IpamService ipam, NeutronClient neutron, VmTrunk trunk, TrunkSubportAttachment attachment) {
    this.ipam = ipam;
    this.neutron = neutron;
    this.trunk = trunk;
    this.attachment = attachment;
  }

  @Override
  public PoolAllocation requestPool(PoolRequest request) {
    return ipam.requestPool(request);
  }

  @Override
  public void releasePool(String poolId) {
    ipam.releasePool(poolId);
  }

  @Override
  public AddressAllocation requestAddress(AddressRequest request) {
    return ipam.requestAddress(request);
  }

  @Override
  public void releaseAddress(String poolId, String address) {
    try {
      ipam.releaseAddress(poolId, address);
    } catch (ConflictException e) {
      if (!takeOffTrunk(address)) {
        throw e;
      }
      ipam.releaseAddress(poolId, address);
    }
  }

  /** Detaches the ports holding {@code address} that are still subports of the VM's trunk. */
  private boolean takeOffTrunk(String address) {
    Query holders = Query.where("fixed_ips", "ip_address=" + address);
    List<Port> subports =
        NeutronFailures.call("find port with " + address, () -> neutron.ports().list(holders))
            .stream()
            .filter(port -> trunk.segmentationIdOf(port.id()).isPresent())
            .toList();
    for (Port port : subports) {
      LOG.info(() -> "port " + port.id() + " of " + address + " is still a subport: removing it");
      attachment.detachAbandoned(port);
    }
    return !subports.isEmpty();
  }
}
