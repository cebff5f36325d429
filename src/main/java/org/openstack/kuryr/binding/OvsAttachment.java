package org.openstack.kuryr.binding;

import java.util.Objects;

/**
 * An Open vSwitch interface that kuryr attached ({@code external_ids:owner=kuryr}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param interfaceName the OVS interface (and port) name
 * @param portId the Neutron port ID from {@code external_ids:iface-id}, or {@code null} if unset
 * @param endpointId Docker's endpoint ID from {@code external_ids:vm-uuid}, or {@code null}
 */
public record OvsAttachment(String interfaceName, String portId, String endpointId) {

  /** Validates the arguments. */
  public OvsAttachment {
    Objects.requireNonNull(interfaceName, "interfaceName");
  }
}
