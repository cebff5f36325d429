# shellcheck shell=bash
# neutron-server 21 with ML2/OVN: one noauth API on 9696 and, with Keystone, a second API node on
# 9697 that validates tokens. Both share the database, the lock directory and OVN.

readonly NEUTRON_DB_URL="mysql+pymysql://neutron:neutron@localhost/neutron?unix_socket=\
$MYSQL_SOCKET&charset=utf8mb4"
readonly NEUTRON_COMMON_CONFIGS=("$BED_CONF/neutron.conf" "$BED_CONF/ml2_conf.ini")

write_neutron_configs() {
  install -d "$BED_CONF" "$BED_STATE/neutron/lock"
  write_file "$BED_CONF/neutron.conf" <<EOF_CONF
[DEFAULT]
bind_host = 127.0.0.1
core_plugin = ml2
service_plugins = ovn-router,trunk,segments,port_forwarding,qos
allow_overlapping_ips = true
# Neutron ignores a port's dns_name while dns_domain is the default "openstacklocal.".
dns_domain = kuryr.test.
# No message broker: with OVN nothing listens on RPC.
transport_url = fake:/
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
api_paste_config = /etc/neutron/api-paste.ini
# The OVN driver joins the hash ring only from forked API workers, so at least one is needed;
# two, as Neutron itself would fork on this machine's two cores: a single worker makes every
# request queue behind the slowest one in flight.
api_workers = 2
rpc_workers = 0
rpc_state_report_workers = 0
state_path = $BED_STATE/neutron
debug = false

[database]
connection = $NEUTRON_DB_URL

[oslo_concurrency]
lock_path = $BED_STATE/neutron/lock

[quotas]
# Above the defaults so that many test runs sharing this bed's single project do not hit them.
quota_network = 1000
quota_subnet = 1000
quota_port = 5000
quota_router = 200
quota_floatingip = 500
quota_security_group = 500
quota_security_group_rule = 5000
EOF_CONF
  write_file "$BED_CONF/ml2_conf.ini" <<EOF_CONF
[ml2]
type_drivers = local,flat,vlan,geneve
tenant_network_types = geneve
mechanism_drivers = ovn
extension_drivers = port_security,dns_domain_ports,qos
overlay_ip_version = 4

[ml2_type_geneve]
vni_ranges = 1:65536
max_header_size = 38

[ml2_type_flat]
flat_networks = public

[ml2_type_vlan]
# More external networks for tests, tagged on the same provider bridge as the flat "public".
network_vlan_ranges = public:100:200

[securitygroup]
enable_security_group = true

[ovn]
ovn_nb_connection = tcp:127.0.0.1:6641
ovn_sb_connection = tcp:127.0.0.1:6642
ovn_l3_scheduler = leastloaded
# As in a default deployment: every network gets a network:distributed metadata port, which
# takes an address in each DHCP-enabled subnet. (No metadata agent runs: there is no Nova.)
ovn_metadata_enabled = true
enable_distributed_floating_ip = false
EOF_CONF
  write_file "$BED_CONF/neutron-noauth.conf" <<EOF_CONF
[DEFAULT]
bind_port = 9696
auth_strategy = noauth
EOF_CONF
  write_file "$BED_CONF/neutron-keystone.conf" <<EOF_CONF
[DEFAULT]
bind_port = 9697
auth_strategy = keystone
# The OVN driver registers hash ring nodes under this name and, at start and stop, deletes every
# node registered under it: the second API node must not share the first one's name.
host = $BED_HOST-keystone-api

[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
username = admin
password = admin
project_name = admin
user_domain_name = Default
project_domain_name = Default
region_name = RegionOne
EOF_CONF
}

neutron_args() {
  local config
  for config in "${NEUTRON_COMMON_CONFIGS[@]}" "$@"; do
    printf -- '--config-file\n%s\n' "$config"
  done
}

# Migrations run again whenever the installed neutron changes.
ensure_neutron_schema() {
  local marker=$BED_STATE/neutron-schema.version version
  version=$(dpkg-query -W -f='${Version}' python3-neutron)
  ensure_database neutron neutron neutron || true
  [[ -f $marker && $(<"$marker") == "$version" ]] && return 0

  log "migrating the neutron database (neutron-db-manage upgrade heads)"
  local started; started=$(now_us)
  local -a args; mapfile -t args < <(neutron_args)
  timeout 600 neutron-db-manage "${args[@]}" upgrade heads \
    >>"$BED_LOGS/neutron-db-manage.log" 2>&1 ||
    die "neutron-db-manage failed, see $BED_LOGS/neutron-db-manage.log"
  echo "$version" >"$marker"
  log "migrated in $(seconds_since "$started")s"
}

# ensure_neutron_server NAME PORT_CONFIG: starts it, or restarts it when its configuration changed.
ensure_neutron_server() {
  local name=$1 pidfile=$BED_RUN/$1.pid
  local -a args; mapfile -t args < <(neutron_args "$2")
  restart_if_config_changed "$name" neutron-server "${NEUTRON_COMMON_CONFIGS[@]}" "$2"
  is_running "$pidfile" neutron-server && return 0

  log "starting $name ($2)"
  start_in_session "$name" neutron-server "$BED_LOGS/$name.stdout" \
    neutron-server "${args[@]}" --log-file "$BED_LOGS/$name.log"
  remember_config "$name" "${NEUTRON_COMMON_CONFIGS[@]}" "$2"
}

# neutron_api_settled NAME URL [HEADER...]: the API lists networks, or the server has died.
neutron_api_settled() {
  local name=$1 url=$2 header
  local -a args=(-sf -m 5 -o /dev/null)
  for header in "${@:3}"; do args+=(-H "$header"); done
  ! is_running "$BED_RUN/$name.pid" neutron-server || curl "${args[@]}" "$url/v2.0/networks"
}

# wait_for_neutron_api NAME URL [HEADER...]
wait_for_neutron_api() {
  local name=$1 started; started=$(now_us)
  wait_until 90 "$name at $2" neutron_api_settled "$@" &&
    is_running "$BED_RUN/$name.pid" neutron-server ||
    die "$name is not serving, see $BED_LOGS/$name.log"
  log "$name answers at $2 ($(seconds_since "$started")s)"
}

# controller_agent_alive URL [HEADER...]: the API worker sees this host's ovn-controller, which
# means it is connected to the OVN databases and has joined the hash ring.
controller_agent_alive() {
  local url=$1 header
  local -a args=(-sf -m 5)
  for header in "${@:2}"; do args+=(-H "$header"); done
  curl "${args[@]}" "$url/v2.0/agents" | jq -e --arg host "$BED_HOST" \
    '.agents[] | select((.agent_type | startswith("OVN Controller")) and .alive
                        and .host == $host)' >/dev/null
}

# The external network "public": flat on physnet public (br-ex), created only if missing.
ensure_public_network() {
  local network_id
  neutron 200 GET '/v2.0/networks?name=public&router:external=true' || die "cannot list networks"
  network_id=$(body '.networks[0].id // empty')
  if [[ -z $network_id ]]; then
    log "creating the external network public (flat, physnet public)"
    neutron 201 POST /v2.0/networks '{"network": {"name": "public", "router:external": true,
      "provider:network_type": "flat", "provider:physical_network": "public",
      "description": "external network of the kuryr test bed"}}' || die "cannot create public"
    network_id=$(body .network.id)
  fi

  neutron 200 GET "/v2.0/subnets?network_id=$network_id" || die "cannot list subnets"
  [[ $(body '.subnets | length') != 0 ]] && return 0
  log "creating subnet public-subnet 203.0.113.0/24"
  neutron 201 POST /v2.0/subnets "{\"subnet\": {\"name\": \"public-subnet\",
    \"network_id\": \"$network_id\", \"ip_version\": 4, \"cidr\": \"203.0.113.0/24\",
    \"gateway_ip\": \"203.0.113.1\", \"enable_dhcp\": false,
    \"allocation_pools\": [{\"start\": \"203.0.113.10\", \"end\": \"203.0.113.199\"}]}}" ||
    die "cannot create public-subnet"
}
