#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# Stops what up.sh started, newest first, by the pid files it recorded; never by process name.
# KURYR_BED_WIPE=1 then deletes the bed's databases and state, so that the next up.sh starts
# from an empty cloud. Docker's own data (/var/lib/docker) is kept.
set -euo pipefail
BED_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BED_DIR/lib/common.sh"
source "$BED_DIR/lib/docker.sh"

# With the userspace datapath, every bridge and internal port is a tap device that outlives
# ovs-vswitchd. Collect their names while the database still answers.
ovs_tap_devices() {
  echo ovs-netdev
  ovs-vsctl --timeout=5 --bare --columns=name find Interface type=internal 2>/dev/null || true
}

remove_tap_devices() {
  local device
  for device in "$@"; do
    # Only tun/tap devices: a name reused by a veth or a real NIC is not ours to delete.
    if [[ -e /sys/class/net/$device/tun_flags ]]; then ip link del "$device" 2>/dev/null || true; fi
  done
}

stop_recorded() {
  local name pidfile word kind
  local -a taps=()
  [[ -s $BED_STARTED ]] || { log "nothing recorded in $BED_STARTED"; return 0; }
  while read -r name pidfile word kind; do
    case $name in
      ovs-vswitchd)
        mapfile -t taps < <(ovs_tap_devices)
        stop_daemon "$name" "$pidfile" "$word" "$kind"
        remove_tap_devices "${taps[@]}"
        ;;
      dockerd)
        # dockerd stops the containers first (bounded by its --shutdown-timeout).
        stop_daemon "$name" "$pidfile" "$word" "$kind" 60
        stop_daemon containerd "$DOCKER_CONTAINERD_PIDFILE" containerd single
        ;;
      *) stop_daemon "$name" "$pidfile" "$word" "$kind" ;;
    esac
  done < <(tac "$BED_STARTED")
  rm -f "$BED_STARTED" "$BED_RUN"/*.config
}

wipe_state() {
  log "wiping $BED_STATE and $BED_CONF"
  rm -rf --one-file-system "$BED_STATE" "$BED_CONF"
}

main() {
  [[ $EUID == 0 ]] || die "run as root"
  take_bed_lock "$@"
  stop_recorded
  if [[ ${KURYR_BED_WIPE:-0} == 1 ]]; then wipe_state; fi
  log "down"
}

main "$@"
