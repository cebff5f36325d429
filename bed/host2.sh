#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# A second Docker host on the test bed, for multi-host tests: up | down | status.
#
# up: network namespace kuryr-host2 with its own Open vSwitch and ovn-controller (a second OVN
# chassis named kuryr-host2, Geneve to this host over the veth pair kh2-ul0/kh2-ul1,
# 10.255.77.0/30), Neutron's API at http://127.0.0.1:9696 inside it (relayed), and its own dockerd
# on /run/kuryr-host2/docker.sock, whose plugin directory is /run/kuryr-host2/plugins. Needs the
# bed (up.sh). Safe to repeat. While host 2 exists, this host's chassis tunnels from 10.255.77.1
# instead of 127.0.0.1.
# down: removes all of it, and ports left bound to kuryr-host2, and restores this host's chassis.
# See README.md ("A second host").
set -euo pipefail
BED_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BED_DIR/lib/common.sh"
source "$BED_DIR/lib/packages.sh"
source "$BED_DIR/lib/docker.sh"
source "$BED_DIR/lib/host2.sh"

up() {
  local started; started=$(now_us)
  controller_agent_on_host1 || die "the bed is not up: run bed/up.sh first"
  ensure_host2_packages
  install -d "$HOST2_RUN" "$HOST2_STATE"
  ensure_underlay
  move_host1_encap_ip
  ensure_host2_ovs
  ensure_host2_ovn_controller
  ensure_neutron_relay
  ensure_host2_dockerd
  log "host 2 up in $(seconds_since "$started")s: netns $HOST2, chassis $HOST2," \
    "docker -H unix://$HOST2_DOCKER_SOCKET, plugins in $HOST2_PLUGINS," \
    "OVS_RUNDIR=$HOST2_OVS_RUN"
}

controller_agent_on_host1() {
  neutron 200 GET "/v2.0/agents?host=$BED_HOST" 2>/dev/null &&
    [[ $(body '[.agents[] | select(.alive)] | length') -gt 0 ]]
}

down() {
  local started; started=$(now_us)
  remove_host2_containers_and_networks
  stop_daemon host2-kuryr "$HOST2_RUN/kuryr.pid" kuryr.jar single 15
  stop_host2_dockerd
  delete_host2_ports
  stop_daemon host2-relay "$HOST2_RUN/relay-host2.pid" "$HOST2_NEUTRON_RELAY" single
  stop_daemon host1-relay "$HOST2_RUN/relay-host1.pid" "$HOST2_NEUTRON_RELAY" single
  stop_host2_ovn_controller
  stop_daemon host2-ovs-vswitchd "$HOST2_OVS_RUN/ovs-vswitchd.pid" "$HOST2_OVS_RUN" single
  stop_daemon host2-ovsdb-server "$HOST2_OVS_RUN/ovsdb-server.pid" "$HOST2_OVS_DB" single
  delete_host2_agents
  restore_host1_encap_ip
  remove_underlay
  rm -rf --one-file-system "$HOST2_RUN" "$HOST2_STATE"
  log "host 2 down in $(seconds_since "$started")s"
}

status() {
  local failed=0 what
  for what in "ovsdb-server:$HOST2_OVS_RUN/ovsdb-server.pid:$HOST2_OVS_DB" \
    "ovs-vswitchd:$HOST2_OVS_RUN/ovs-vswitchd.pid:$HOST2_OVS_RUN" \
    "ovn-controller:$HOST2_OVS_RUN/ovn-controller.pid:$HOST2_OVS_RUN" \
    "dockerd:$HOST2_RUN/dockerd.pid:$HOST2_DOCKER_SOCKET" \
    "neutron relay:$HOST2_RUN/relay-host2.pid:$HOST2_NEUTRON_RELAY" \
    "kuryr:$HOST2_RUN/kuryr.pid:kuryr.jar"; do
    IFS=: read -r name pidfile word <<<"$what"
    if is_running "$pidfile" "$word"; then
      echo "$name: running (pid $(<"$pidfile"))"
    else
      echo "$name: stopped"
      [[ $name == kuryr ]] || failed=1
    fi
  done
  if host2_agent_alive; then echo "Neutron agent $HOST2: alive"; else
    echo "Neutron agent $HOST2: not alive"
    failed=1
  fi
  return "$failed"
}

main() {
  [[ $EUID == 0 ]] || die "run as root"
  case ${1:-} in
    up) take_bed_lock "$@"; up ;;
    down) take_bed_lock "$@"; down ;;
    status) status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
  esac
}

main "$@"
