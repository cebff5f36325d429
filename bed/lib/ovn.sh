# shellcheck shell=bash
# OVN central (NB and SB databases, northd) and this host's ovn-controller.

# ensure_ovn_db nb|sb TCP_PORT
ensure_ovn_db() {
  local kind=$1 port=$2 db=$BED_STATE/ovn/ovn$1_db.db
  install -d "$BED_STATE/ovn" "$OVN_RUN"
  [[ -s $db ]] || ovsdb-tool create "$db" "/usr/share/ovn/ovn-$kind.ovsschema"
  if ! is_running "$OVN_RUN/ovn${kind}_db.pid" "$db"; then
    log "starting the OVN ${kind^^} database (127.0.0.1:$port)"
    ovsdb-server "$db" --remote="punix:$OVN_RUN/ovn${kind}_db.sock" \
      --remote="ptcp:$port:127.0.0.1" --pidfile="$OVN_RUN/ovn${kind}_db.pid" \
      --unixctl="$OVN_RUN/ovn${kind}_db.ctl" --detach --no-chdir -vconsole:err \
      --log-file="$BED_LOGS/ovsdb-server-$kind.log" </dev/null
    record_started "ovsdb-$kind" "$OVN_RUN/ovn${kind}_db.pid" "$db" single
  fi
}

ensure_ovn_central() {
  ensure_ovn_db nb 6641
  ensure_ovn_db sb 6642
  wait_until 10 "OVN NB database" ovn-nbctl --no-wait --timeout=2 show ||
    die "OVN NB is not answering"
  wait_until 10 "OVN SB database" ovn-sbctl --timeout=2 show ||
    die "OVN SB is not answering"
  ovn-nbctl --no-wait --timeout=10 init
  if ! is_running "$OVN_RUN/ovn-northd.pid" ovn-northd; then
    log "starting ovn-northd"
    ovn-northd --ovnnb-db="unix:$OVN_RUN/ovnnb_db.sock" --ovnsb-db="unix:$OVN_RUN/ovnsb_db.sock" \
      --pidfile="$OVN_RUN/ovn-northd.pid" --detach --no-chdir -vconsole:err \
      --log-file="$BED_LOGS/ovn-northd.log" </dev/null
    record_started ovn-northd "$OVN_RUN/ovn-northd.pid" ovn-northd single
  fi
}

# The chassis row may survive from an earlier run, so wait for this controller's own session too.
chassis_registered() {
  [[ $(ovn-appctl --timeout=2 -t ovn-controller connection-status) == connected ]] &&
    ovn-sbctl --timeout=2 --bare --columns=name find Chassis name="$BED_HOST" | grep -q .
}

ensure_ovn_controller() {
  if ! is_running "$OVN_RUN/ovn-controller.pid" ovn-controller; then
    log "starting ovn-controller (chassis $BED_HOST)"
    ovn-controller "unix:$OVS_RUN/db.sock" --pidfile="$OVN_RUN/ovn-controller.pid" --detach \
      --no-chdir -vconsole:err --log-file="$BED_LOGS/ovn-controller.log" </dev/null
    record_started ovn-controller "$OVN_RUN/ovn-controller.pid" ovn-controller single
  fi
  wait_until 20 "chassis $BED_HOST in the SB database" chassis_registered ||
    die "ovn-controller did not register, see $BED_LOGS/ovn-controller.log"
  # neutron 21 reads the bridge mappings and the gateway option from Chassis.external_ids, while
  # ovn-controller 23.03 publishes them only in Chassis.other_config: without this copy, router
  # gateway ports on physnet "public" fail to bind.
  ovn-sbctl --timeout=5 set Chassis "$BED_HOST" external_ids:ovn-bridge-mappings=public:br-ex \
    external_ids:ovn-cms-options=enable-chassis-as-gw
}
