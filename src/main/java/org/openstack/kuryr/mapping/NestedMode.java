package org.openstack.kuryr.mapping;

/** How containers in a VM get onto Neutron networks when the daemon runs inside the VM. */
public enum NestedMode {
  /** Each container's port is a subport of the VM port's trunk, on a VLAN ID of its own. */
  VLAN,

  /** Each container is a macvlan on the VM's interface, let through by address pairs. */
  MACVLAN
}
