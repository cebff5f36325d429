# shellcheck shell=bash
# Optional Keystone (KURYR_BED_KEYSTONE=1): SQLite, fernet tokens, admin/admin in project admin,
# region RegionOne, and a catalog whose "network" service is the token-checking neutron on 9697.

readonly KEYSTONE_STATE=$BED_STATE/keystone
readonly KEYSTONE_CONFIG=$BED_CONF/keystone.conf

write_keystone_config() {
  install -d -m 700 "$KEYSTONE_STATE"
  write_file "$KEYSTONE_CONFIG" <<EOF_CONF
[DEFAULT]
log_file = $BED_LOGS/keystone.log

[database]
connection = sqlite:///$KEYSTONE_STATE/keystone.sqlite
# No fsync per transaction, as for MariaDB (see mariadb.sh).
sqlite_synchronous = false

[token]
provider = fernet

[fernet_tokens]
key_repository = $KEYSTONE_STATE/fernet-keys

[fernet_receipts]
# Left at its default, keystone-manage would create keys under /etc/keystone.
key_repository = $KEYSTONE_STATE/fernet-keys

[credential]
key_repository = $KEYSTONE_STATE/credential-keys
EOF_CONF
}

ensure_keystone_database() {
  local marker=$KEYSTONE_STATE/bootstrapped
  [[ -f $marker ]] && return 0
  log "keystone: database, keys and bootstrap (admin/admin, project admin, RegionOne)"
  local -a manage=(timeout 300 keystone-manage --config-file "$KEYSTONE_CONFIG")
  local url=$KEYSTONE_URL/v3/
  install -d -m 700 "$KEYSTONE_STATE/fernet-keys" "$KEYSTONE_STATE/credential-keys"
  {
    "${manage[@]}" db_sync && use_write_ahead_log "$KEYSTONE_STATE/keystone.sqlite" &&
      "${manage[@]}" fernet_setup --keystone-user root --keystone-group root &&
      "${manage[@]}" credential_setup --keystone-user root --keystone-group root &&
      "${manage[@]}" bootstrap --bootstrap-username admin --bootstrap-password admin \
        --bootstrap-project-name admin --bootstrap-role-name admin \
        --bootstrap-region-id RegionOne --bootstrap-admin-url "$url" \
        --bootstrap-internal-url "$url" --bootstrap-public-url "$url"
  } >>"$BED_LOGS/keystone-manage.log" 2>&1 ||
    die "keystone-manage failed, see $BED_LOGS/keystone-manage.log"
  touch "$marker"
}

# In SQLite's default journal mode, a read transaction that keystone leaves open blocks every
# later write until it is collected: creating two endpoints in a row failed with "database is
# locked" after a 5 s wait. With a write-ahead log readers never block the writer. The mode is
# stored in the database file.
use_write_ahead_log() {
  /usr/bin/python3 -c 'import sqlite3, sys
mode = sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL").fetchone()[0]
sys.exit(mode != "wal")' "$1"
}

# Starts keystone without waiting for it; wait_for_keystone does that.
start_keystone() {
  restart_if_config_changed keystone keystone-wsgi-public "$KEYSTONE_CONFIG"
  is_running "$BED_RUN/keystone.pid" keystone-wsgi-public && return 0
  log "starting keystone on $KEYSTONE_URL"
  # The packaged development server: it serves one request at a time.
  OS_KEYSTONE_CONFIG_FILES=$KEYSTONE_CONFIG start_in_session keystone keystone-wsgi-public \
    "$BED_LOGS/keystone.stdout" keystone-wsgi-public --host 127.0.0.1 --port 5000
  remember_config keystone "$KEYSTONE_CONFIG"
}

wait_for_keystone() {
  wait_until 60 "keystone" keystone_settled &&
    is_running "$BED_RUN/keystone.pid" keystone-wsgi-public ||
    die "keystone is not serving, see $BED_LOGS/keystone.stdout and keystone.log"
}

# Keystone answers, or has died.
keystone_settled() {
  ! is_running "$BED_RUN/keystone.pid" keystone-wsgi-public ||
    curl -sf -m 5 -o /dev/null "$KEYSTONE_URL/v3"
}

# ensure_network_catalog ADMIN_TOKEN: the "network" service with public, internal and admin
# endpoints, added where missing.
ensure_network_catalog() {
  local auth="X-Auth-Token: $1" service_id interface

  call 200 GET "$KEYSTONE_URL/v3/services?type=network" "" "$auth" || die "cannot list services"
  service_id=$(body '.services[0].id // empty')
  if [[ -z $service_id ]]; then
    log "keystone: adding the network service (neutron at $NEUTRON_KEYSTONE_URL)"
    call 201 POST "$KEYSTONE_URL/v3/services" \
      '{"service": {"type": "network", "name": "neutron", "enabled": true}}' "$auth" ||
      die "cannot create the network service"
    service_id=$(body .service.id)
  fi

  for interface in public internal admin; do
    call 200 GET "$KEYSTONE_URL/v3/endpoints?service_id=$service_id&interface=$interface" "" \
      "$auth" || die "cannot list endpoints"
    [[ $(body '.endpoints | length') != 0 ]] && continue
    call 201 POST "$KEYSTONE_URL/v3/endpoints" "{\"endpoint\": {\"service_id\": \"$service_id\",
      \"interface\": \"$interface\", \"region_id\": \"RegionOne\",
      \"url\": \"$NEUTRON_KEYSTONE_URL\"}}" "$auth" || die "cannot create the $interface endpoint"
  done
}
