package org.openstack.kuryr.mapping;

import java.util.Optional;

/**
 * A request for an address.
 *
 * @param poolId the pool
 * @param address the address asked for; empty for any
 * @param role what the address is for
 * @param macAddress the endpoint's MAC, when Docker sends one (endpoint addresses only)
 * @param endpointName the container's name when the engine tells it
 */
public record AddressRequest(
    String poolId,
    Optional<String> address,
    AddressRole role,
    Optional<String> macAddress,
    Optional<String> endpointName) {

  /** What an address is for. */
  public enum AddressRole {
    /** The network's gateway. */
    GATEWAY,
    /** A container's endpoint. */
    ENDPOINT,
    /** An auxiliary address the user reserved with {@code --aux-address}. */
    AUXILIARY,
    /**
     * An address Docker names without saying what it is for. Engines before 29 send no options with
     * an {@code --aux-address} (asked while the network is being created) nor with a container's
     * {@code --ip} (asked once the network exists), unless the IPAM driver requires a MAC.
     */
    AUXILIARY_OR_ENDPOINT
  }
}
