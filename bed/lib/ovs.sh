# shellcheck shell=bash
# Open vSwitch with the userspace (netdev) datapath: there is no openvswitch kernel module here.

readonly OVS_DB=$BED_STATE/ovs/conf.db

ensure_ovsdb_server() {
  install -d "$BED_STATE/ovs" "$OVS_RUN"
  [[ -s $OVS_DB ]] || ovsdb-tool create "$OVS_DB" /usr/share/openvswitch/vswitch.ovsschema
  if ! is_running "$OVS_RUN/ovsdb-server.pid" "$OVS_DB"; then
    log "starting ovsdb-server (Open_vSwitch database)"
    ovsdb-server "$OVS_DB" --remote="punix:$OVS_RUN/db.sock" \
      --remote=db:Open_vSwitch,Open_vSwitch,manager_options \
      --pidfile="$OVS_RUN/ovsdb-server.pid" --detach --no-chdir -vconsole:err \
      --log-file="$BED_LOGS/ovsdb-server.log" </dev/null
    record_started ovsdb-server "$OVS_RUN/ovsdb-server.pid" "$OVS_DB" single
  fi
  wait_until 10 "ovsdb-server" ovs-vsctl --no-wait --timeout=2 show ||
    die "ovsdb-server is not answering"
  ovs-vsctl --no-wait --timeout=10 init
}

# The chassis identity and the wiring ovn-controller reads from the local database. The tunnel
# endpoint is loopback, unless a second host (host2.sh) needs one it can reach.
configure_ovn_chassis() {
  local encap_ip=127.0.0.1
  [[ -s $BED_RUN/encap-ip ]] && encap_ip=$(<"$BED_RUN/encap-ip")
  ovs-vsctl --no-wait --timeout=10 set Open_vSwitch . \
    external_ids:system-id="$BED_HOST" external_ids:hostname="$BED_HOST" \
    external_ids:ovn-remote="unix:$OVN_RUN/ovnsb_db.sock" \
    external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip="$encap_ip" \
    external_ids:ovn-bridge=br-int external_ids:ovn-bridge-datapath-type=netdev \
    external_ids:ovn-bridge-mappings=public:br-ex \
    external_ids:ovn-cms-options=enable-chassis-as-gw
}

ensure_ovs_vswitchd() {
  if ! is_running "$OVS_RUN/ovs-vswitchd.pid" ovs-vswitchd; then
    log "starting ovs-vswitchd (userspace datapath)"
    ovs-vswitchd "unix:$OVS_RUN/db.sock" --pidfile="$OVS_RUN/ovs-vswitchd.pid" --detach \
      --no-chdir -vconsole:err --log-file="$BED_LOGS/ovs-vswitchd.log" </dev/null
    record_started ovs-vswitchd "$OVS_RUN/ovs-vswitchd.pid" ovs-vswitchd single
  fi
  # Without the kernel module every bridge must ask for the netdev datapath explicitly.
  ovs-vsctl --timeout=20 --may-exist add-br br-int -- set Bridge br-int datapath_type=netdev \
    fail_mode=secure other_config:disable-in-band=true
  # Provider bridge of physnet "public"; deliberately without an uplink: nothing leaves the host.
  ovs-vsctl --timeout=20 --may-exist add-br br-ex -- set Bridge br-ex datapath_type=netdev
}
