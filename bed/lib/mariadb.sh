# shellcheck shell=bash
# MariaDB for Neutron: our own data directory, reachable only through a unix socket.

readonly MYSQL_DATA=$BED_STATE/mysql
readonly MYSQL_PIDFILE=$BED_RUN/mariadbd.pid
# Durability traded for speed: this machine's fsync latency swings from milliseconds to much
# more, and the neutron migrations (hundreds of DDL statements) took 4 to 23 s with fsync, 4 s
# without. The data survives a clean stop, not a crash of the whole machine
# (then: KURYR_BED_WIPE=1 down.sh).
readonly MYSQL_SPEED_OPTIONS=(--innodb-flush-method=nosync --innodb-flush-log-at-trx-commit=2
  --innodb-doublewrite=0 --skip-log-bin)

# sql ARGS...: the mariadb client, as root, on our socket.
sql() { mariadb --connect-timeout=5 --socket="$MYSQL_SOCKET" "$@"; }

ensure_mariadb_datadir() {
  [[ -d $MYSQL_DATA/mysql ]] && return 0
  log "creating the MariaDB data directory $MYSQL_DATA"
  rm -rf "$MYSQL_DATA"
  install -d -o mysql -g mysql "$MYSQL_DATA"
  mariadb-install-db --no-defaults --user=mysql --datadir="$MYSQL_DATA" \
    --auth-root-authentication-method=socket --skip-test-db "${MYSQL_SPEED_OPTIONS[@]}" \
    >>"$BED_LOGS/mariadb-install.log" 2>&1 || die "mariadb-install-db failed, see $BED_LOGS"
}

ensure_mariadb_running() {
  install -d -o mysql -g mysql "$BED_RUN/mysql"
  if ! is_running "$MYSQL_PIDFILE" mariadbd; then
    log "starting mariadbd (socket $MYSQL_SOCKET, no TCP)"
    # --no-defaults: the Debian my.cnf would add a TCP listener and its own paths.
    start_in_session mariadbd mariadbd "$BED_LOGS/mariadb.log" \
      mariadbd --no-defaults --user=mysql --datadir="$MYSQL_DATA" --socket="$MYSQL_SOCKET" \
      --skip-networking --pid-file="$BED_RUN/mysql/mariadbd.pid" "${MYSQL_SPEED_OPTIONS[@]}" \
      --innodb-buffer-pool-size=64M --max-connections=500
  fi
  wait_until 30 "mariadbd" sql -e 'SELECT 1' ||
    die "mariadbd did not answer, see $BED_LOGS/mariadb.log"
}

# ensure_database NAME USER PASSWORD: true if the database had to be created.
ensure_database() {
  local name=$1 user=$2 password=$3
  if sql -N -e 'SHOW DATABASES' | grep -qx "$name"; then
    return 1
  fi
  log "creating database $name"
  sql <<SQL
CREATE DATABASE $name CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
GRANT ALL ON $name.* TO '$user'@'localhost';
SQL
}
