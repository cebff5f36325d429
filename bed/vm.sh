#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# A "VM" of the cloud on the test bed, for Kuryr's nested modes: a network namespace whose eth0 is
# the VM's Neutron port (the parent of a trunk), with a dockerd of its own inside. Needs the bed up.
#
#   bed/vm.sh up NAME [CIDR [CIDR2]]   create the VM (NAME: 2 to 10 of [a-z0-9], starting a-z)
#   bed/vm.sh env NAME                 print what tests need to know of it, as KEY=VALUE lines
#   bed/vm.sh peer NAME PEER NET_ID    a Neutron port outside the VM on NET_ID, in namespace
#                                      NAME-PEER, answering TCP 8080 with its name; prints its IP
#   bed/vm.sh kuryr NAME start vlan|nested | stop    kuryr inside the VM (target/kuryr.jar)
#   bed/vm.sh down NAME                remove everything of the VM, whatever state it is in
#
# Layout (one topology serves both nested modes):
#
#   VM namespace NAME: eth0 (the VM port's MAC and address) --veth-- NAMEb ─┐
#                                                                          ├ OVS bridge NAMEbr ─ NAMEv
#   VLAN mode's container devices (veths) ------------------ tvl... tag=N ─┘   --veth-- NAMEh
#                                                                         (in br-int as the VM port)
#
# NAMEbr (userspace datapath, in the host's namespace) stands in for the VM kernel's 802.1Q layer,
# which this machine's kernel lacks: NAMEb carries eth0's untagged frames, each access port one
# VLAN, NAMEv the tagged trunk. A macvlan on eth0 (nested macvlan mode) leaves untagged through it.
#
# The VM reaches Neutron at http://127.0.0.1:9696 inside its namespace: two socat relays joined by
# a Unix socket (Unix sockets are not bound to a network namespace) carry it to the host's API.
#
# The VM's dockerd runs with nsenter --net, not `ip netns exec`, which remounts /sys and hides the
# cgroup hierarchy dockerd needs; in a private mount namespace (unshare -m) its plugin directories
# are the VM's own, so it finds the VM's kuryr and never the host's. Kuryr runs with `ip netns exec`
# so that /sys/class/net shows the VM's interfaces, as it would in a real VM.
set -euo pipefail
BED_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BED_DIR")
source "$BED_DIR/lib/common.sh"
source "$BED_DIR/lib/docker.sh"

readonly VMS_RUN=$BED_RUN/vm
readonly VMS_STATE=$BED_STATE/vm
readonly HOST_MTU=1500

usage() { sed -n '5,12p' "$0" >&2; exit 2; }

# vm_paths NAME: the VM's names and paths, as globals.
vm_paths() {
  [[ $1 =~ ^[a-z][a-z0-9]{1,9}$ ]] || die "VM name '$1': 2 to 10 of [a-z0-9], starting with a-z"
  VM=$1
  VM_DIR=$VMS_RUN/$VM
  VM_DATA=$VMS_STATE/$VM
  VM_DOCKER_SOCKET=$VM_DIR/docker.sock
  VM_BRIDGE=${VM}br
  VM_LOG_PREFIX=$BED_LOGS/vm-$VM
}

vm_docker() { docker -H "unix://$VM_DOCKER_SOCKET" "$@"; }

# ---------------------------------------------------------------- Neutron

# create_network NAME-SUFFIX CIDR: sets CREATED_NETWORK and CREATED_SUBNET.
create_network() {
  neutron 201 POST /v2.0/networks "{\"network\":{\"name\":\"$VM-$1\"}}" || die "network create"
  CREATED_NETWORK=$(body .network.id)
  neutron 201 POST /v2.0/subnets "$(jq -cn --arg n "$CREATED_NETWORK" --arg c "$2" \
    --arg name "$VM-$1" '{subnet: {name: $name, network_id: $n, ip_version: 4, cidr: $c,
      enable_dhcp: false}}')" || die "subnet create"
  CREATED_SUBNET=$(body .subnet.id)
}

# create_bound_port NAME NETWORK_ID OWNER: the port, bound to this host; sets PORT_* globals.
create_bound_port() {
  neutron 201 POST /v2.0/ports "$(jq -cn --arg name "$1" --arg n "$2" --arg o "$3" \
    --arg h "$BED_HOST" '{port: {name: $name, network_id: $n, device_owner: $o,
      device_id: $name, "binding:host_id": $h}}')" || die "port create $1"
  PORT_ID=$(body .port.id)
  PORT_MAC=$(body .port.mac_address)
  PORT_IP=$(body '.port.fixed_ips[0].ip_address')
}

# network_mtu NETWORK_ID: sets MTU.
network_mtu() {
  neutron 200 GET "/v2.0/networks/$1" || die "network $1"
  MTU=$(body .network.mtu)
}

# ---------------------------------------------------------------- host wiring

# plug_into_br_int DEVICE PORT_ID MAC: the test bed's stand-in for Nova's VIF plugging.
plug_into_br_int() {
  ovs-vsctl --timeout=10 -- --may-exist add-port br-int "$1" -- set Interface "$1" \
    "external_ids:iface-id=$2" "external_ids:attached-mac=$3" external_ids:iface-status=active
}

# namespace_nic NAMESPACE OUTER_END MAC IP MTU: a veth whose inner end is eth0 of NAMESPACE.
namespace_nic() {
  local ns=$1 outer=$2
  ip link add "$outer" mtu "$HOST_MTU" up type veth peer name "${outer}x"
  ip link set "${outer}x" netns "$ns"
  ip -n "$ns" link set "${outer}x" name eth0
  ip -n "$ns" link set eth0 address "$3" mtu "$5" up
  ip -n "$ns" addr add "$4/24" dev eth0
  ip -n "$ns" link set lo up
  # The userspace datapath does not complete checksums left to the NIC: TCP fails without this.
  ip netns exec "$ns" ethtool -K eth0 tx off >/dev/null
}

wire_vm() {
  ip netns add "$VM"
  ip link add "${VM}h" mtu "$HOST_MTU" up type veth peer name "${VM}v" mtu "$HOST_MTU"
  ip link set "${VM}v" up
  plug_into_br_int "${VM}h" "$VM_PORT_ID" "$VM_PORT_MAC"
  namespace_nic "$VM" "${VM}b" "$VM_PORT_MAC" "$VM_PORT_IP" "$VM_MTU"
  # trunks=0: the port to eth0 carries untagged frames only.
  ovs-vsctl --timeout=10 -- add-br "$VM_BRIDGE" -- set Bridge "$VM_BRIDGE" datapath_type=netdev \
    -- add-port "$VM_BRIDGE" "${VM}v" -- add-port "$VM_BRIDGE" "${VM}b" trunks=0
}

# ---------------------------------------------------------------- processes of the VM

# start_vm_process NAME CMDLINE_WORD COMMAND...: in its own session, pid in the VM's directory.
start_vm_process() {
  local name=$1
  shift 2
  setsid "$@" </dev/null >>"$VM_LOG_PREFIX-$name.log" 2>&1 &
  echo $! >"$VM_DIR/$name.pid"
}

stop_vm_process() { stop_daemon "$VM $1" "$VM_DIR/$1.pid" "$2" group "${3:-10}"; }

start_neutron_relay() {
  start_vm_process relay-host socat socat "UNIX-LISTEN:$VM_DIR/neutron.sock,fork,mode=600" \
    TCP:127.0.0.1:9696
  wait_until 10 "the host side of the Neutron relay" test -S "$VM_DIR/neutron.sock" ||
    die "socat did not listen on $VM_DIR/neutron.sock"
  start_vm_process relay-vm socat ip netns exec "$VM" socat \
    TCP-LISTEN:9696,bind=127.0.0.1,fork,reuseaddr "UNIX-CONNECT:$VM_DIR/neutron.sock"
  wait_until 10 "Neutron from inside the VM" \
    ip netns exec "$VM" curl -sf -m 2 -o /dev/null http://127.0.0.1:9696/v2.0/extensions ||
    die "the VM does not reach Neutron"
}

start_vm_dockerd() {
  install -d "$VM_DIR/plugins" "$VM_DIR/etc-plugins" "$VM_DIR/exec" "$VM_DATA/docker"
  local mounts="mount --bind $VM_DIR/plugins /run/docker/plugins &&
    mount -t tmpfs -o mode=755 kuryr-vm-etc /etc/docker && mkdir /etc/docker/plugins &&
    mount --bind $VM_DIR/etc-plugins /etc/docker/plugins &&
    { [ ! -d /usr/lib/docker/plugins ] || mount -t tmpfs -o mode=755 kuryr-vm-lib /usr/lib/docker/plugins; }"
  # sh and nsenter exec in place: the recorded pid is dockerd's own.
  start_vm_process dockerd dockerd unshare -m --propagation private -- /bin/sh -c \
    "$mounts && exec nsenter --net=/run/netns/$VM dockerd --host=unix://$VM_DOCKER_SOCKET \
      --data-root=$VM_DATA/docker --exec-root=$VM_DIR/exec --pidfile=$VM_DIR/dockerd.own.pid \
      --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
      --cgroup-parent=/kuryr-vm-$VM --shutdown-timeout=5"
  wait_until 60 "the VM's dockerd" vm_docker info || die "dockerd in $VM does not answer"
  DOCKER_HOST=unix://$VM_DOCKER_SOCKET ensure_busybox_image
}

# ---------------------------------------------------------------- verbs

up() {
  vm_paths "$1"
  local cidr=${2:-10.87.$((RANDOM % 250 + 1)).0/24} cidr2=${3:-10.88.$((RANDOM % 250 + 1)).0/24}
  [[ ! -e $VM_DIR ]] || die "VM $VM exists: bed/vm.sh down $VM first"
  install -d "$VM_DIR" "$VM_DATA"
  # Whatever fails from here on, nothing of the VM is left behind.
  on_exit "[[ -f '$VM_DIR/env' ]] || down_quietly '$VM'"
  local started; started=$(now_us)

  create_network net "$cidr"
  NET_ID=$CREATED_NETWORK SUBNET_ID=$CREATED_SUBNET
  create_network net2 "$cidr2"
  NET2_ID=$CREATED_NETWORK SUBNET2_ID=$CREATED_SUBNET
  create_bound_port "$VM-vm" "$NET_ID" compute:nova
  VM_PORT_ID=$PORT_ID VM_PORT_MAC=$PORT_MAC VM_PORT_IP=$PORT_IP
  network_mtu "$NET_ID"
  VM_MTU=$MTU
  neutron 201 POST /v2.0/trunks "{\"trunk\":{\"name\":\"$VM-trunk\",\"port_id\":\"$VM_PORT_ID\"}}" ||
    die "trunk create"
  TRUNK_ID=$(body .trunk.id)

  wire_vm
  start_neutron_relay
  start_vm_dockerd
  write_env "$cidr" "$cidr2"
  log "VM $VM up in $(seconds_since "$started")s: port $VM_PORT_ID ($VM_PORT_IP), trunk $TRUNK_ID"
}

write_env() {
  cat >"$VM_DIR/env.new" <<EOF
VM_NAME=$VM
VM_NETNS=$VM
VM_PORT_ID=$VM_PORT_ID
VM_PORT_MAC=$VM_PORT_MAC
VM_PORT_IP=$VM_PORT_IP
VM_MTU=$VM_MTU
TRUNK_ID=$TRUNK_ID
NET_ID=$NET_ID
NET_CIDR=$1
SUBNET_ID=$SUBNET_ID
NET2_ID=$NET2_ID
NET2_CIDR=$2
SUBNET2_ID=$SUBNET2_ID
VLAN_BRIDGE=$VM_BRIDGE
DOCKER_HOST=unix://$VM_DOCKER_SOCKET
PLUGIN_DIR=$VM_DIR/plugins
EOF
  mv "$VM_DIR/env.new" "$VM_DIR/env"
}

peer() {
  vm_paths "$1"
  local name=$2 network=$3 ns=$VM-$2
  [[ $name =~ ^[a-z0-9]{1,2}$ ]] || die "peer name '$name': 1 or 2 of [a-z0-9]"
  [[ -f $VM_DIR/env ]] || die "no VM $VM"
  create_bound_port "$VM-peer-$name" "$network" compute:nova
  network_mtu "$network"
  ip netns add "$ns"
  namespace_nic "$ns" "${VM}p$name" "$PORT_MAC" "$PORT_IP" "$MTU"
  plug_into_br_int "${VM}p$name" "$PORT_ID" "$PORT_MAC"
  start_vm_process "peer-$name" socat ip netns exec "$ns" socat TCP-LISTEN:8080,fork,reuseaddr \
    "SYSTEM:echo $VM-peer-$name"
  wait_until 30 "peer $name ACTIVE" port_active "$PORT_ID" || die "peer port $PORT_ID not ACTIVE"
  echo "$PORT_IP"
}

port_active() { neutron 200 GET "/v2.0/ports/$1" && [[ $(body .port.status) == ACTIVE ]]; }

kuryr() {
  vm_paths "$1"
  [[ -f $VM_DIR/env ]] || die "no VM $VM"
  case ${2:-} in
    start)
      [[ ${3:-} =~ ^(vlan|nested)$ ]] || usage
      is_running "$VM_DIR/kuryr.pid" kuryr.jar && die "kuryr already runs in $VM"
      write_kuryr_config "$3" >"$VM_DIR/kuryr.conf"
      start_vm_process kuryr kuryr.jar ip netns exec "$VM" \
        "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -jar "$REPO_DIR/target/kuryr.jar" \
        --config-file "$VM_DIR/kuryr.conf"
      wait_until 30 "kuryr in $VM" test -S "$VM_DIR/plugins/kuryr.sock" ||
        die "kuryr did not start, see $VM_LOG_PREFIX-kuryr.log"
      log "kuryr ($3) serves $VM's dockerd; log $VM_LOG_PREFIX-kuryr.log"
      ;;
    stop) stop_vm_process kuryr kuryr.jar ;;
    *) usage ;;
  esac
}

# write_kuryr_config MODE: what a daemon in this VM needs; tests write their own the same way.
write_kuryr_config() {
  cat <<EOF
[DEFAULT]
plugin_socket = $VM_DIR/plugins/kuryr.sock
default_port_driver = $1
debug = true
[neutron]
auth_type = noauth
endpoint_override = http://127.0.0.1:9696
[binding]
vlan_devices = ovs_access_port
vlan_test_bridge = $VM_BRIDGE
vlan_test_bridge_netns = 1
EOF
}

# ---------------------------------------------------------------- teardown

down() {
  vm_paths "$1"
  local started; started=$(now_us)
  remove_vm_containers
  stop_vm_process kuryr kuryr.jar
  stop_vm_process dockerd dockerd 30
  local peer
  for peer in "$VM_DIR"/peer-*.pid; do
    [[ -e $peer ]] && stop_vm_process "$(basename "$peer" .pid)" socat
  done
  stop_vm_process relay-vm socat
  stop_vm_process relay-host socat
  remove_neutron_resources
  remove_host_wiring
  remove_cgroups
  rm -rf --one-file-system "$VM_DIR" "$VM_DATA"
  log "VM $VM down in $(seconds_since "$started")s"
}

down_quietly() { (down "$1") || log "cleanup of VM $1 incomplete"; }

# While a kuryr still serves the VM, Docker gives the containers' endpoints back through it.
# Without one Docker would wait for the plugin at every step; the Neutron cleanup below covers it.
remove_vm_containers() {
  kuryr_answers && [[ -S $VM_DOCKER_SOCKET ]] && vm_docker info >/dev/null 2>&1 || return 0
  local -a containers networks
  local docker=(timeout 120 docker -H "unix://$VM_DOCKER_SOCKET")
  mapfile -t containers < <(vm_docker ps -aq)
  (( ${#containers[@]} == 0 )) || "${docker[@]}" rm -f "${containers[@]}" >/dev/null || true
  mapfile -t networks < <(vm_docker network ls -q --filter driver=kuryr)
  (( ${#networks[@]} == 0 )) || "${docker[@]}" network rm "${networks[@]}" >/dev/null || true
}

kuryr_answers() {
  curl -sf -m 5 -o /dev/null -X POST --unix-socket "$VM_DIR/plugins/kuryr.sock" \
    http://kuryr/Plugin.Activate
}

remove_neutron_resources() {
  local trunk subports port network cidr pool
  for trunk in $(neutron_ids trunks "$VM-trunk"); do
    neutron 200 GET "/v2.0/trunks/$trunk/get_subports" || continue
    subports=$(body '[.sub_ports[] | {port_id}]' | jq -c .)
    [[ $subports == "[]" ]] ||
      neutron 200 PUT "/v2.0/trunks/$trunk/remove_subports" "{\"sub_ports\":$subports}" || true
    neutron 204 DELETE "/v2.0/trunks/$trunk" || true
  done
  for network in $(neutron_ids networks "$VM-net") $(neutron_ids networks "$VM-net2"); do
    neutron 200 GET "/v2.0/subnets?network_id=$network" || continue
    # Pools kuryr made for the CIDRs of these networks, left behind by an interrupted test.
    for cidr in $(body '.subnets[].cidr'); do
      for pool in $(neutron_ids subnetpools "kuryrPool-$cidr"); do
        neutron 204 DELETE "/v2.0/subnetpools/$pool" || true
      done
    done
    neutron 200 GET "/v2.0/ports?network_id=$network" || continue
    for port in $(body '.ports[] | select(.device_owner | startswith("network:") | not) | .id'); do
      neutron 204 DELETE "/v2.0/ports/$port" || true
    done
    neutron 204 DELETE "/v2.0/networks/$network" || true
  done
}

# neutron_ids COLLECTION NAME: the IDs of the resources of that exact name.
neutron_ids() {
  neutron 200 GET "/v2.0/$1?name=$(jq -rn --arg n "$2" '$n | @uri')" || return 0
  body ".$1[].id"
}

# Exact names only: another VM's name may start with this one's.
remove_host_wiring() {
  local ours="^$VM(h|v|b|p[a-z0-9]{1,2})$" device ns
  ovs-vsctl --timeout=10 -- --if-exists del-br "$VM_BRIDGE"
  for device in $(ovs-vsctl --timeout=10 list-ports br-int | grep -E "$ours" || true); do
    ovs-vsctl --timeout=10 -- --if-exists del-port br-int "$device"
  done
  for ns in $(ip netns list | awk '{print $1}' | grep -E "^$VM(-[a-z0-9]{1,2})?$" || true); do
    ip netns del "$ns"
  done
  for device in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E "$ours" || true); do
    ip link del "$device" 2>/dev/null || true
  done
}

# dockerd leaves its (empty) parent cgroup in every hierarchy; rmdir removes only empty ones.
remove_cgroups() {
  local cgroup
  for cgroup in /sys/fs/cgroup/kuryr-vm-"$VM" /sys/fs/cgroup/*/kuryr-vm-"$VM"; do
    [[ -d $cgroup ]] && { rmdir "$cgroup" || log "cgroup $cgroup is not empty: left in place"; }
  done
  return 0
}

main() {
  [[ $EUID == 0 ]] || die "run as root"
  # One response file for this script and the subshells it runs Neutron calls in.
  BED_BODY=$(mktemp /tmp/kuryr-bed-body.XXXXXX)
  local verb=${1:-}
  [[ $# -ge 2 ]] || usage
  shift
  case $verb in
    up) up "$@" ;;
    env) vm_paths "$1"; cat "$VM_DIR/env" ;;
    peer) [[ $# == 3 ]] || usage; peer "$@" ;;
    kuryr) kuryr "$@" ;;
    down) down "$1" ;;
    *) usage ;;
  esac
}

main "$@"
