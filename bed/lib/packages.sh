# shellcheck shell=bash
# Debian packages the bed needs; installed only when missing (a CI machine starts bare).

BED_PACKAGES=(
  neutron-common python3-neutron # neutron-server and neutron-db-manage, without uwsgi
  openvswitch-switch ovn-central ovn-host
  mariadb-server
  docker.io busybox-static
  curl jq iproute2 iputils-ping ethtool netcat-openbsd procps tcpdump iperf3 bc
  socat # relays Neutron into a namespace: the second host (host2.sh), a nested-mode VM (vm.sh)
)
KEYSTONE_PACKAGES=(python3-keystone)

missing_packages() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' ||
      echo "$package"
  done
}

# Maintainer scripts must neither start daemons (we start our own, and there is no init system
# here) nor ask questions.
guard_service_starts() {
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# kuryr bed: packages being installed must not start services\nexit 101\n' \
      >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    on_exit 'rm -f /usr/sbin/policy-rc.d'
  fi
  debconf-set-selections <<'SEEDS'
neutron-common neutron/configure_db boolean false
neutron-common neutron/configure_rabbit boolean false
neutron-common neutron/configure_ksat boolean false
neutron-common neutron/configure_nova boolean false
docker.io docker.io/restart boolean false
iperf3 iperf3/start_daemon boolean false
SEEDS
}

# ensure_packages WANT_KEYSTONE
ensure_packages() {
  local -a wanted=("${BED_PACKAGES[@]}") missing
  [[ $1 == 1 ]] && wanted+=("${KEYSTONE_PACKAGES[@]}")
  mapfile -t missing < <(missing_packages "${wanted[@]}")
  (( ${#missing[@]} )) || return 0

  log "installing ${missing[*]} (log: $BED_LOGS/apt.log)"
  local started; started=$(now_us)
  guard_service_starts
  export DEBIAN_FRONTEND=noninteractive
  {
    timeout 900 apt-get update -q &&
      timeout 1800 apt-get install -y -q --no-install-recommends "${missing[@]}"
  } >>"$BED_LOGS/apt.log" 2>&1 || { tail -n 20 "$BED_LOGS/apt.log" >&2; die "apt-get failed"; }
  log "packages installed in $(seconds_since "$started")s"
}
