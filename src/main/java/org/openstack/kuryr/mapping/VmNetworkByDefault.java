package org.openstack.kuryr.mapping;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * In nested modes, a Docker network created without {@code neutron.net.uuid} or {@code
 * neutron.net.name} uses the VM port's Neutron network, exactly as if {@code -o
 * neutron.net.uuid=<that network>} had been given: it is tagged, never deleted, and its subnets are
 * used when their CIDRs match. Any other network must be named with those options; in VLAN mode its
 * ports are trunked to the VM like the VM network's own.
 *
 * <p>Thread-safe.
 */
final class VmNetworkByDefault implements NetworkService {
  private static final Logger LOG = Logger.getLogger(VmNetworkByDefault.class.getName());
  private static final String NETWORK_ID_OPTION = "neutron.net.uuid";
  private static final String NETWORK_NAME_OPTION = "neutron.net.name";

  private final NetworkService networks;
  private final String vmNetworkId;

  VmNetworkByDefault(NetworkService networks, String vmNetworkId) {
    this.networks = networks;
    this.vmNetworkId = vmNetworkId;
  }

  @Override
  public void createNetwork(NetworkSpec spec) {
    if (names(spec, NETWORK_ID_OPTION) || names(spec, NETWORK_NAME_OPTION)) {
      networks.createNetwork(spec);
      return;
    }
    Map<String, String> options = new HashMap<>(spec.options());
    options.put(NETWORK_ID_OPTION, vmNetworkId);
    LOG.fine(
        () ->
            "network "
                + NetworkDirectory.shortId(spec.dockerNetworkId())
                + " names no Neutron network: using the VM's, "
                + vmNetworkId);
    networks.createNetwork(
        new NetworkSpec(spec.dockerNetworkId(), options, spec.ipv4Pools(), spec.ipv6Pools()));
  }

  private static boolean names(NetworkSpec spec, String option) {
    String value = spec.options().get(option);
    return value != null && !value.isBlank();
  }

  @Override
  public void deleteNetwork(String dockerNetworkId) {
    networks.deleteNetwork(dockerNetworkId);
  }
}
