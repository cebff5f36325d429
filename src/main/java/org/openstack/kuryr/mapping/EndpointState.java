package org.openstack.kuryr.mapping;

import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.neutron.Port;

/**
 * An endpoint this daemon wired: its port as last updated, and what was plugged for it.
 *
 * @param dockerNetworkId Docker's network ID
 * @param endpointId Docker's endpoint ID
 * @param port the Neutron port
 * @param bound the port as the binding layer saw it
 * @param plugged the host and container devices
 */
record EndpointState(
    String dockerNetworkId,
    String endpointId,
    Port port,
    BoundPort bound,
    PluggedInterface plugged) {}
