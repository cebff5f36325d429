#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# Brings the Kuryr test bed up, from nothing or from any partial state, and returns only when it
# serves: Neutron (ML2/OVN) on 127.0.0.1:9696 without authentication, dockerd on the default
# socket, and with KURYR_BED_KEYSTONE=1 Keystone on :5000 plus a token-checking Neutron on :9697.
# Safe to run again: what runs is left alone, what is missing is started. See README.md.
set -euo pipefail
BED_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BED_DIR/lib/common.sh"
source "$BED_DIR/lib/packages.sh"
source "$BED_DIR/lib/mariadb.sh"
source "$BED_DIR/lib/ovs.sh"
source "$BED_DIR/lib/ovn.sh"
source "$BED_DIR/lib/neutron.sh"
source "$BED_DIR/lib/keystone.sh"
source "$BED_DIR/lib/docker.sh"

# Keystone runs when asked for, and keeps running once started (down.sh stops it).
keystone_wanted() {
  [[ ${KURYR_BED_KEYSTONE:-0} == 1 ]] || is_running "$BED_RUN/keystone.pid" keystone-wsgi-public
}

bring_up_network_stack() {
  ensure_mariadb_datadir
  ensure_mariadb_running
  write_neutron_configs
  ensure_neutron_schema

  ensure_ovsdb_server
  configure_ovn_chassis
  ensure_ovs_vswitchd
  ensure_ovn_central
  ensure_ovn_controller

  ensure_neutron_server neutron-server "$BED_CONF/neutron-noauth.conf"
  if keystone_wanted; then
    ensure_neutron_server neutron-server-keystone "$BED_CONF/neutron-keystone.conf"
  fi
}

wait_for_noauth_neutron() {
  wait_for_neutron_api neutron-server "$NEUTRON_URL"
  wait_until 60 "the OVN controller agent (via $NEUTRON_URL)" \
    controller_agent_alive "$NEUTRON_URL" || die "no live OVN controller agent"
  ensure_public_network
}

wait_for_keystone_neutron() {
  wait_for_keystone
  local token; token=$(keystone_token admin admin admin)
  [[ -n $token ]] || die "keystone issued no token for admin/admin"
  ensure_network_catalog "$token"
  local auth="X-Auth-Token: $token"
  wait_for_neutron_api neutron-server-keystone "$NEUTRON_KEYSTONE_URL" "$auth"
  wait_until 60 "the OVN controller agent (via $NEUTRON_KEYSTONE_URL)" \
    controller_agent_alive "$NEUTRON_KEYSTONE_URL" "$auth" || die "no live OVN controller agent"
}

bring_up_docker() {
  wait_for_dockerd
  check_docker_client
  ensure_busybox_image
}

main() {
  [[ $EUID == 0 ]] || die "run as root"
  local started; started=$(now_us)
  take_bed_lock "$@"
  install -d "$BED_CONF" "$BED_STATE" "$BED_LOGS" "$BED_RUN"
  local with_keystone=0

  local endpoints="neutron $NEUTRON_URL (noauth)"
  if keystone_wanted; then
    with_keystone=1
    endpoints+=", neutron $NEUTRON_KEYSTONE_URL (keystone $KEYSTONE_URL, admin/admin)"
  fi

  ensure_packages "$with_keystone"
  start_dockerd
  # Keystone's first setup takes many seconds of its own; it overlaps with Neutron's.
  local keystone_setup=""
  if (( with_keystone )); then
    write_keystone_config
    ensure_keystone_database &
    keystone_setup=$!
  fi
  bring_up_network_stack
  if (( with_keystone )); then
    wait "$keystone_setup" || die "keystone setup failed"
    start_keystone
  fi
  wait_for_noauth_neutron
  if (( with_keystone )); then wait_for_keystone_neutron; fi
  bring_up_docker

  log "bed up in $(seconds_since "$started")s: $endpoints, docker $DOCKER_SOCKET; logs in $BED_LOGS"
}

main "$@"
