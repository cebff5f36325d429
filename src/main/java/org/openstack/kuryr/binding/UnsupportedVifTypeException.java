package org.openstack.kuryr.binding;

/**
 * The port's {@code binding:vif_type} is one this host cannot plug. For {@code binding_failed} and
 * {@code unbound} that means Neutron did not bind the port to this host; the message says what to
 * check.
 */
public final class UnsupportedVifTypeException extends BindingException {
  private static final long serialVersionUID = 1L;

  private final String vifType;

  /** The port {@code portId} has vif type {@code vifType}, which cannot be plugged. */
  public UnsupportedVifTypeException(String portId, String vifType) {
    super("failed to plug port " + portId + ": " + explain(vifType), null);
    this.vifType = vifType;
  }

  /** The vif type that was refused. */
  public String vifType() {
    return vifType;
  }

  private static String explain(String vifType) {
    return switch (vifType) {
      case "binding_failed" ->
          "Neutron could not bind the port to this host (vif_type binding_failed); check that"
              + " the Neutron agent or ovn-controller on this host is alive and that the"
              + " port's binding:host_id is the host name that agent reports";
      case "unbound" ->
          "the port is not bound to any host (vif_type unbound); check that binding:host_id is"
              + " set to this host's name as its Neutron agent reports it";
      case "vhostuser" ->
          "vif_type vhostuser needs a DPDK vhost-user socket, which a container's veth cannot"
              + " use; supported vif types are ovs and bridge";
      default ->
          "vif_type '" + vifType + "' is not supported; supported vif types are ovs and bridge";
    };
  }
}
