package org.openstack.kuryr.binding;

/** What this host can tell about whether a plugged port's datapath forwards traffic yet. */
public enum DataplaneState {
  /** The local controller reported the port's flows installed (OVN: {@code ovn-installed}). */
  READY,

  /** The local controller is known, but did not report the port ready within the timeout. */
  NOT_READY,

  /**
   * This backend gives no local readiness signal (Linux bridge, ML2/OVS agent, nested modes): wait
   * for the Neutron port's status instead.
   */
  NOT_OBSERVABLE
}
