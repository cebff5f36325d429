package org.openstack.kuryr.mapping;

import org.openstack.kuryr.neutron.Port;

/** Who a port belongs to, as far as releasing it goes. */
enum PortOwnership {
  /** Kuryr created it: delete it on release. */
  KURYR,
  /** The user brought it: reset and untag it on release, never delete it. */
  USER,
  /** Someone else's (a router, DHCP, another service): leave it alone. */
  OTHER;

  static PortOwnership of(Port port) {
    if (port.tags().contains(KuryrTags.EXISTING_PORT)) {
      return USER;
    }
    boolean kuryr =
        KuryrTags.DEVICE_OWNER.equals(port.deviceOwner())
            || port.tags().contains(KuryrTags.KURYR_PORT)
            || KuryrTags.UNBOUND_PORT_NAME.equals(port.name());
    return kuryr ? KURYR : OTHER;
  }
}
