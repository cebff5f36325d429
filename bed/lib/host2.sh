# shellcheck shell=bash
# A second Docker host on the bed, in the network namespace kuryr-host2: its own Open vSwitch
# (userspace datapath) and ovn-controller, registered as a second OVN chassis, a Geneve underlay
# to this host over a veth pair, a relay to Neutron's API, and its own dockerd with its own
# plugin directory. Sourced by host2.sh after common.sh.

readonly HOST2=kuryr-host2 # network namespace, chassis, OVS host name, Neutron agent host
readonly HOST2_NETNS=/run/netns/$HOST2
readonly HOST2_RUN=/run/kuryr-host2
readonly HOST2_STATE=/var/lib/kuryr-host2
# OVS_RUNDIR and OVN_RUNDIR of host 2's daemons. Each chassis needs a run directory of its own:
# ovs-vswitchd puts br-int.mgmt there, and ovn-controller connects to it.
readonly HOST2_OVS_RUN=$HOST2_RUN/ovs
readonly HOST2_OVS_DB=$HOST2_STATE/ovs/conf.db
readonly HOST2_DOCKER_SOCKET=$HOST2_RUN/docker.sock
# Host 2's dockerd sees this directory as /run/docker/plugins (a bind mount in its own mount
# namespace): a plugin socket here serves host 2 only.
readonly HOST2_PLUGINS=$HOST2_RUN/plugins
readonly HOST2_NEUTRON_RELAY=$HOST2_RUN/neutron.sock

# The underlay: a veth pair, whose host-1 end is a port of the OVS bridge carrying host 1's
# tunnel endpoint (the userspace datapath tunnels only from an address on an OVS bridge).
readonly UNDERLAY_HOST1=kh2-ul0
readonly UNDERLAY_HOST2=kh2-ul1
readonly UNDERLAY_BRIDGE1=kh2-br
readonly UNDERLAY_BRIDGE2=br-ul
readonly UNDERLAY_IP1=10.255.77.1
readonly UNDERLAY_IP2=10.255.77.2
readonly UNDERLAY_PREFIX=30
# Host 1's encapsulation address while host 2 exists; configure_ovn_chassis reads it.
readonly BED_ENCAP_IP_FILE=$BED_RUN/encap-ip
readonly HOST2_ORIGINAL_ENCAP_IP=$HOST2_STATE/encap-ip.orig

host2_ovs() { ovs-vsctl --db="unix:$HOST2_OVS_RUN/db.sock" --timeout=10 "$@"; }
host2_docker() { docker -H "unix://$HOST2_DOCKER_SOCKET" "$@"; }

# in_host2 COMMAND...: runs COMMAND in host 2's network namespace with host 2's OVS and OVN run
# directories. nsenter, not "ip netns exec": that one remounts /sys, which hides the cgroup
# hierarchy dockerd needs.
in_host2() {
  nsenter --net="$HOST2_NETNS" env OVS_RUNDIR="$HOST2_OVS_RUN" OVN_RUNDIR="$HOST2_OVS_RUN" \
    OVS_DBDIR="$HOST2_STATE/ovs" "$@"
}

ensure_host2_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages socat tcpdump iperf3)
  (( ${#missing[@]} )) || return 0
  log "installing ${missing[*]} (log: $BED_LOGS/apt.log)"
  guard_service_starts
  export DEBIAN_FRONTEND=noninteractive
  {
    timeout 900 apt-get update -q &&
      timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}"
  } >>"$BED_LOGS/apt.log" 2>&1 || die "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------- underlay
ensure_underlay() {
  [[ -e $HOST2_NETNS ]] || ip netns add "$HOST2"
  ip -n "$HOST2" link set lo up
  if ! ip link show "$UNDERLAY_HOST1" >/dev/null 2>&1; then
    ip link add "$UNDERLAY_HOST1" type veth peer name "$UNDERLAY_HOST2" netns "$HOST2"
  fi
  ip link set "$UNDERLAY_HOST1" up
  ip -n "$HOST2" link set "$UNDERLAY_HOST2" up

  ovs-vsctl --timeout=10 --may-exist add-br "$UNDERLAY_BRIDGE1" \
    -- set Bridge "$UNDERLAY_BRIDGE1" datapath_type=netdev \
    -- --may-exist add-port "$UNDERLAY_BRIDGE1" "$UNDERLAY_HOST1"
  ip addr replace "$UNDERLAY_IP1/$UNDERLAY_PREFIX" dev "$UNDERLAY_BRIDGE1"
  ip link set "$UNDERLAY_BRIDGE1" up
}

# Host 1's chassis announces 127.0.0.1 as its tunnel endpoint, which host 2 cannot reach: move it
# to the underlay (and remember the old value for host2_down).
move_host1_encap_ip() {
  install -d "$HOST2_STATE"
  if [[ ! -s $HOST2_ORIGINAL_ENCAP_IP ]]; then
    ovs-vsctl --timeout=10 get Open_vSwitch . external_ids:ovn-encap-ip | tr -d '"' \
      >"$HOST2_ORIGINAL_ENCAP_IP"
  fi
  echo "$UNDERLAY_IP1" >"$BED_ENCAP_IP_FILE"
  ovs-vsctl --timeout=10 set Open_vSwitch . external_ids:ovn-encap-ip="$UNDERLAY_IP1"
}

restore_host1_encap_ip() {
  local original=127.0.0.1
  [[ -s $HOST2_ORIGINAL_ENCAP_IP ]] && original=$(<"$HOST2_ORIGINAL_ENCAP_IP")
  rm -f "$BED_ENCAP_IP_FILE"
  # --no-wait: this must work when host 1's ovs-vswitchd is down, too.
  ovs-vsctl --no-wait --timeout=10 set Open_vSwitch . external_ids:ovn-encap-ip="$original" ||
    true
}

# ---------------------------------------------------------------- host 2's OVS and OVN
ensure_host2_ovs() {
  install -d "$HOST2_STATE/ovs" "$HOST2_OVS_RUN"
  [[ -s $HOST2_OVS_DB ]] ||
    ovsdb-tool create "$HOST2_OVS_DB" /usr/share/openvswitch/vswitch.ovsschema
  if ! is_running "$HOST2_OVS_RUN/ovsdb-server.pid" "$HOST2_OVS_DB"; then
    log "starting host 2's ovsdb-server"
    in_host2 ovsdb-server "$HOST2_OVS_DB" --remote="punix:$HOST2_OVS_RUN/db.sock" \
      --pidfile="$HOST2_OVS_RUN/ovsdb-server.pid" --detach --no-chdir -vconsole:err \
      --log-file="$BED_LOGS/host2-ovsdb-server.log" </dev/null
  fi
  wait_until 10 "host 2's ovsdb-server" host2_ovs --no-wait show || die "host 2's ovsdb is down"
  host2_ovs --no-wait init
  # The SB database's unix socket reaches across network namespaces.
  host2_ovs --no-wait set Open_vSwitch . external_ids:system-id="$HOST2" \
    external_ids:hostname="$HOST2" external_ids:ovn-remote="unix:$OVN_RUN/ovnsb_db.sock" \
    external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip="$UNDERLAY_IP2" \
    external_ids:ovn-bridge=br-int external_ids:ovn-bridge-datapath-type=netdev

  if ! is_running "$HOST2_OVS_RUN/ovs-vswitchd.pid" "$HOST2_OVS_RUN"; then
    log "starting host 2's ovs-vswitchd (userspace datapath)"
    in_host2 ovs-vswitchd "unix:$HOST2_OVS_RUN/db.sock" \
      --pidfile="$HOST2_OVS_RUN/ovs-vswitchd.pid" --detach --no-chdir -vconsole:err \
      --log-file="$BED_LOGS/host2-ovs-vswitchd.log" </dev/null
  fi
  host2_ovs --may-exist add-br br-int -- set Bridge br-int datapath_type=netdev \
    fail_mode=secure other_config:disable-in-band=true
  host2_ovs --may-exist add-br "$UNDERLAY_BRIDGE2" \
    -- set Bridge "$UNDERLAY_BRIDGE2" datapath_type=netdev \
    -- --may-exist add-port "$UNDERLAY_BRIDGE2" "$UNDERLAY_HOST2"
  ip -n "$HOST2" addr replace "$UNDERLAY_IP2/$UNDERLAY_PREFIX" dev "$UNDERLAY_BRIDGE2"
  ip -n "$HOST2" link set "$UNDERLAY_BRIDGE2" up
}

host2_chassis_registered() {
  ovn-sbctl --timeout=2 --bare --columns=name find Chassis name="$HOST2" | grep -q .
}

host2_agent_alive() {
  neutron 200 GET "/v2.0/agents?host=$HOST2" 2>/dev/null &&
    [[ $(body '[.agents[] | select(.alive)] | length') -gt 0 ]]
}

ensure_host2_ovn_controller() {
  if ! is_running "$HOST2_OVS_RUN/ovn-controller.pid" "$HOST2_OVS_RUN"; then
    log "starting host 2's ovn-controller (chassis $HOST2)"
    in_host2 ovn-controller "unix:$HOST2_OVS_RUN/db.sock" \
      --pidfile="$HOST2_OVS_RUN/ovn-controller.pid" --detach --no-chdir -vconsole:err \
      --log-file="$BED_LOGS/host2-ovn-controller.log" </dev/null
  fi
  wait_until 30 "chassis $HOST2 in the SB database" host2_chassis_registered ||
    die "host 2's ovn-controller did not register, see $BED_LOGS/host2-ovn-controller.log"
  # Neutron refuses to bind ports to an agent it thinks dead ("binding_failed"), and a new chassis
  # counts as alive only once it has caught up with the NB configuration.
  ovn-nbctl --timeout=30 --wait=hv sync || log "warning: chassis did not catch up within 30 s"
  wait_until 60 "Neutron's OVN agent of $HOST2 to be alive" host2_agent_alive ||
    die "Neutron does not see $HOST2's OVN agent alive"
}

# ---------------------------------------------------------------- Neutron relay
# Neutron listens on host 1's loopback, which host 2's namespace has its own of: a relay through
# a unix socket (not bound to a network namespace) gives host 2 the same http://127.0.0.1:9696.
# Stands in for the management network of a real cloud.
ensure_neutron_relay() {
  if ! is_running "$HOST2_RUN/relay-host1.pid" "$HOST2_NEUTRON_RELAY"; then
    rm -f "$HOST2_NEUTRON_RELAY"
    setsid socat "UNIX-LISTEN:$HOST2_NEUTRON_RELAY,fork,mode=600" TCP:127.0.0.1:9696 \
      </dev/null >>"$BED_LOGS/host2-relay.log" 2>&1 &
    echo $! >"$HOST2_RUN/relay-host1.pid"
  fi
  if ! is_running "$HOST2_RUN/relay-host2.pid" "$HOST2_NEUTRON_RELAY"; then
    setsid nsenter --net="$HOST2_NETNS" socat TCP-LISTEN:9696,bind=127.0.0.1,fork,reuseaddr \
      "UNIX-CONNECT:$HOST2_NEUTRON_RELAY" </dev/null >>"$BED_LOGS/host2-relay.log" 2>&1 &
    echo $! >"$HOST2_RUN/relay-host2.pid"
  fi
  wait_until 10 "Neutron from host 2" \
    in_host2 curl -sf -m 3 -o /dev/null http://127.0.0.1:9696/v2.0/networks?limit=1 ||
    die "host 2 cannot reach Neutron through the relay, see $BED_LOGS/host2-relay.log"
}

# ---------------------------------------------------------------- host 2's dockerd
host2_docker_answers() { timeout 10 docker -H "unix://$HOST2_DOCKER_SOCKET" info >/dev/null 2>&1; }

# dockerd in host 2's network namespace and in a mount namespace of its own, where
# /run/docker/plugins is host 2's plugin directory and the host's plugin specs are hidden.
ensure_host2_dockerd() {
  install -d "$HOST2_PLUGINS" "$HOST2_RUN/plugin-specs" "$HOST2_STATE/docker" /run/docker/plugins
  if ! is_running "$HOST2_RUN/dockerd.pid" "$HOST2_DOCKER_SOCKET"; then
    log "starting host 2's dockerd ($HOST2_DOCKER_SOCKET)"
    # unshare, sh and nsenter each exec the next, so $! is dockerd; it writes its own pid file.
    setsid unshare --mount --propagation private -- /bin/sh -c "
      mount --bind '$HOST2_PLUGINS' /run/docker/plugins &&
      mount -t tmpfs -o mode=755 kuryr-host2-etc-docker /etc/docker &&
      mkdir /etc/docker/plugins &&
      mount --bind '$HOST2_RUN/plugin-specs' /etc/docker/plugins &&
      { [ ! -d /usr/lib/docker/plugins ] ||
        mount -t tmpfs -o mode=755 kuryr-host2-plugins /usr/lib/docker/plugins; } &&
      exec nsenter --net='$HOST2_NETNS' dockerd --host='unix://$HOST2_DOCKER_SOCKET' \
        --data-root='$HOST2_STATE/docker' --exec-root='$HOST2_RUN/docker' \
        --pidfile='$HOST2_RUN/dockerd.pid' --bridge=none --iptables=false --ip6tables=false \
        --ip-masq=false --cgroup-parent=/kuryr-host2 --shutdown-timeout=5" \
      </dev/null >>"$BED_LOGS/host2-dockerd.log" 2>&1 &
  fi
  wait_until 60 "host 2's dockerd" host2_docker_answers ||
    die "host 2's dockerd does not answer, see $BED_LOGS/host2-dockerd.log"
  if ! host2_docker image inspect busybox:latest >/dev/null 2>&1; then
    log "copying busybox:latest to host 2's dockerd"
    docker -H "unix://$DOCKER_SOCKET" save busybox:latest | host2_docker load >/dev/null ||
      die "cannot copy busybox:latest to host 2"
  fi
}

# ---------------------------------------------------------------- down
# Containers of host 2 whose ports outlived their daemon: Neutron ports bound to host 2.
delete_host2_ports() {
  local port
  neutron 200 GET "/v2.0/ports?binding:host_id=$HOST2&device_owner=compute:kuryr" || return 0
  for port in $(body '.ports[].id'); do
    log "deleting port $port, left bound to $HOST2"
    neutron 204 DELETE "/v2.0/ports/$port" || true
  done
}

# Host 2's containers and kuryr networks, removed through Docker while a kuryr daemon still
# serves host 2, so that it releases their Neutron ports and tags. Without one, Docker would
# wait for the plugin in vain: the ports are deleted below, tags on shared networks stay.
remove_host2_containers_and_networks() {
  host2_docker_answers || return 0
  local -a containers networks
  mapfile -t containers < <(host2_docker ps -aq)
  (( ${#containers[@]} == 0 )) || host2_docker rm -f "${containers[@]}" >/dev/null 2>&1 || true
  mapfile -t networks < <(host2_docker network ls -q --filter driver=kuryr)
  (( ${#networks[@]} )) || return 0
  if curl -sf -m 2 --unix-socket "$HOST2_PLUGINS/kuryr.sock" -X POST \
    http://kuryr/Plugin.Activate >/dev/null 2>&1; then
    host2_docker network rm "${networks[@]}" >/dev/null 2>&1 || true
  else
    log "warning: no kuryr serves host 2: its networks ${networks[*]} stay tagged in Neutron"
  fi
}

stop_host2_dockerd() {
  stop_daemon host2-dockerd "$HOST2_RUN/dockerd.pid" "$HOST2_DOCKER_SOCKET" single 30
  stop_daemon host2-containerd "$HOST2_RUN/docker/containerd/containerd.pid" containerd single
}

stop_host2_ovn_controller() {
  local pid
  if pid=$(pid_of "$HOST2_OVS_RUN/ovn-controller.pid" "$HOST2_OVS_RUN"); then
    # "exit" deletes the chassis from the SB database; SIGTERM would leave it behind.
    OVS_RUNDIR=$HOST2_OVS_RUN OVN_RUNDIR=$HOST2_OVS_RUN timeout 10 \
      ovs-appctl -t "$HOST2_OVS_RUN/ovn-controller.$pid.ctl" exit >/dev/null 2>&1 || true
    wait_until 5 "host 2's ovn-controller to exit" process_gone "$pid" || true
  fi
  stop_daemon host2-ovn-controller "$HOST2_OVS_RUN/ovn-controller.pid" "$HOST2_OVS_RUN" single
  ovn-sbctl --timeout=10 --if-exists chassis-del "$HOST2" || true
}

# Neutron keeps a chassis' agent after the chassis is gone, until it is deleted.
delete_host2_agents() {
  local agent
  neutron 200 GET "/v2.0/agents?host=$HOST2" || return 0
  for agent in $(body '.agents[].id'); do neutron 204 DELETE "/v2.0/agents/$agent" || true; done
}

remove_underlay() {
  ovs-vsctl --no-wait --timeout=10 --if-exists del-br "$UNDERLAY_BRIDGE1" || true
  # A userspace-datapath bridge's tap device can outlive its bridge.
  if [[ -e /sys/class/net/$UNDERLAY_BRIDGE1/tun_flags ]]; then
    ip link del "$UNDERLAY_BRIDGE1" 2>/dev/null || true
  fi
  ip link del "$UNDERLAY_HOST1" 2>/dev/null || true
  [[ ! -e $HOST2_NETNS ]] || ip netns del "$HOST2"
}
