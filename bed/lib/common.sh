# shellcheck shell=bash
# Shared by up.sh, down.sh and smoke.sh: locations, logging, bounded waits, the record of what we
# started, and a small Neutron/Keystone HTTP client. Sourced, never run.

# Debian's python3 and tools, whatever the caller's PATH holds (a pyenv python3 first in PATH lacks
# the Debian OpenStack modules that the neutron and keystone entry points import).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C.UTF-8

readonly BED_CONF=/etc/kuryr-bed
readonly BED_STATE=/var/lib/kuryr-bed
readonly BED_LOGS=/var/log/kuryr-bed
readonly BED_RUN=/run/kuryr-bed
readonly BED_STARTED=$BED_RUN/started.list
readonly OVS_RUN=/var/run/openvswitch # the tools' default: ovs-vsctl needs no --db
readonly OVN_RUN=/var/run/ovn         # the tools' default: ovn-nbctl/ovn-sbctl need no --db
readonly MYSQL_SOCKET=$BED_RUN/mysql/mysqld.sock

readonly NEUTRON_URL=http://127.0.0.1:9696          # auth_strategy=noauth
readonly NEUTRON_KEYSTONE_URL=http://127.0.0.1:9697 # auth_strategy=keystone (KURYR_BED_KEYSTONE=1)
readonly KEYSTONE_URL=http://127.0.0.1:5000
readonly BED_HOST=$(hostname)

log() { printf '[%s %s] %s\n' "${0##*/}" "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Microseconds since the epoch, for timings and deadlines.
now_us() { echo "${EPOCHREALTIME/./}"; }
# seconds_since START_US: elapsed seconds with one decimal.
seconds_since() { awk -v t="$(( $(now_us) - $1 ))" 'BEGIN { printf "%.1f", t / 1e6 }'; }

# wait_until SECONDS WHAT COMMAND...: polls COMMAND until it succeeds; fails after SECONDS.
wait_until() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$(( $(now_us) + limit * 1000000 ))
  until "$@" >/dev/null 2>&1; do
    if (( $(now_us) > deadline )); then
      log "gave up after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}

# on_exit COMMAND: runs COMMAND when the script exits, newest first.
BED_EXIT_HOOKS=()
on_exit() { BED_EXIT_HOOKS=("$1" "${BED_EXIT_HOOKS[@]}"); }
run_exit_hooks() {
  local hook
  for hook in "${BED_EXIT_HOOKS[@]}"; do eval "$hook" || true; done
  # Last: the hooks may still talk to Neutron.
  [[ -z ${BED_BODY:-} ]] || rm -f "$BED_BODY"
}
trap run_exit_hooks EXIT

# take_bed_lock "$@": one bed operation at a time. Re-runs the calling script under flock, which
# holds the lock itself, so that the daemons the script starts do not inherit (and keep) it.
take_bed_lock() {
  [[ -n ${KURYR_BED_LOCKED:-} ]] && return 0
  mkdir -p "$BED_RUN"
  KURYR_BED_LOCKED=1 exec flock --close --timeout 300 "$BED_RUN/lock" "$BASH" "$0" "$@"
}

# ---------------------------------------------------------------- processes we own
# started.list holds one line per daemon we started, oldest first:
#   NAME PIDFILE CMDLINE_WORD KIND
# CMDLINE_WORD must appear in /proc/PID/cmdline before we signal PID: /run is on disk on some
# machines, so a pid file can survive a reboot and name somebody else's process.
# KIND is "group" for daemons started in their own session (their workers share the group) and
# "single" for daemons that detach themselves.

# pid_of PIDFILE CMDLINE_WORD: prints the pid if it is alive and is the expected program.
pid_of() {
  local pidfile=$1 word=$2 pid
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$word" || return 1
  echo "$pid"
}

is_running() { pid_of "$1" "$2" >/dev/null; }

record_started() {
  local line="$1 $2 $3 $4"
  touch "$BED_STARTED"
  grep -qxF -- "$line" "$BED_STARTED" || echo "$line" >>"$BED_STARTED"
}

# was_started NAME: true if started.list names NAME (whether or not it still runs).
was_started() { [[ -f $BED_STARTED ]] && grep -q "^$1 " "$BED_STARTED"; }

# start_in_session NAME CMDLINE_WORD LOGFILE COMMAND...: runs COMMAND in its own session (so
# down.sh can stop the daemon with all its workers), records its pid.
start_in_session() {
  local name=$1 word=$2 logfile=$3 pidfile=$BED_RUN/$1.pid
  shift 3
  # A background job of a script is never a group leader, so setsid execs in place and $! is the
  # daemon itself.
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  echo $! >"$pidfile"
  record_started "$name" "$pidfile" "$word" group
}

# ---------------------------------------------------------------- HTTP (Neutron, Keystone)
# call EXPECTED_STATUS METHOD URL [JSON] [HEADER...]: the body goes to $BED_BODY; fails (after
# logging status and body) unless the status is EXPECTED_STATUS.
BED_BODY=""
BED_STATUS=""
call() {
  local expected=$1 method=$2 url=$3 json=${4:-} header
  [[ -n $BED_BODY ]] || BED_BODY=$(mktemp /tmp/kuryr-bed-body.XXXXXX)
  local -a args=(-s -m 30 -o "$BED_BODY" -w '%{http_code}' -X "$method")
  for header in "${@:5}"; do args+=(-H "$header"); done
  if [[ -n $json ]]; then args+=(-H 'Content-Type: application/json' -d "$json"); fi
  BED_STATUS=$(curl "${args[@]}" "$url") || BED_STATUS=000
  [[ $BED_STATUS == "$expected" ]] && return 0
  log "$method $url: status $BED_STATUS, expected $expected: $(head -c 400 "$BED_BODY")"
  return 1
}

# body JQ_FILTER: reads the last response body.
body() { jq -r "$1" "$BED_BODY"; }

# neutron EXPECTED METHOD PATH [JSON]: a call to the noauth server. No X-Project-Id on purpose:
# without it noauth grants an admin context, which admin-only attributes such as
# binding:host_id need.
neutron() { call "$1" "$2" "$NEUTRON_URL$3" "${4:-}"; }

# keystone_token USER PASSWORD PROJECT: prints a project-scoped token.
keystone_token() {
  local request
  request=$(jq -cn --arg u "$1" --arg p "$2" --arg project "$3" '{auth: {
    identity: {methods: ["password"],
      password: {user: {name: $u, domain: {id: "default"}, password: $p}}},
    scope: {project: {name: $project, domain: {id: "default"}}}}}')
  curl -s -m 30 -D - -o /dev/null -H 'Content-Type: application/json' -d "$request" \
    "$KEYSTONE_URL/v3/auth/tokens" | awk -F': ' 'tolower($1) == "x-subject-token" {print $2}' |
    tr -d '\r'
}

# ---------------------------------------------------------------- configuration files
# write_file PATH: writes stdin to PATH unless PATH already holds exactly that.
write_file() {
  local content; content=$(cat)
  [[ -f $1 && $(<"$1") == "$content" ]] && return 0
  printf '%s\n' "$content" >"$1.new"
  chmod 640 "$1.new"
  mv "$1.new" "$1"
}

config_sum() { cat "$@" | sha256sum | cut -d' ' -f1; }

# remember_config NAME FILE...: notes which configuration the daemon NAME was started with.
remember_config() { config_sum "${@:2}" >"$BED_RUN/$1.config"; }

# restart_if_config_changed NAME CMDLINE_WORD FILE...: stops NAME if it runs with an older
# configuration, so that the caller starts it again.
restart_if_config_changed() {
  local name=$1 word=$2 pidfile=$BED_RUN/$1.pid
  is_running "$pidfile" "$word" || return 0
  [[ -f $BED_RUN/$name.config && $(<"$BED_RUN/$name.config") == "$(config_sum "${@:3}")" ]] &&
    return 0
  log "$name: configuration changed, restarting"
  stop_daemon "$name" "$pidfile" "$word" group
}

# ---------------------------------------------------------------- stopping
# stop_daemon NAME PIDFILE CMDLINE_WORD KIND [GRACE_SECONDS]: SIGTERM, then SIGKILL after the
# grace period. For KIND=group the workers left in the daemon's process group follow.
stop_daemon() {
  local name=$1 pidfile=$2 word=$3 kind=$4 grace=${5:-20} pid
  if ! pid=$(pid_of "$pidfile" "$word"); then
    rm -f "$pidfile"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$grace" "$name to exit" process_gone "$pid"; then
    log "$name ignored SIGTERM for ${grace}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if [[ $kind == group ]] && ! wait_until 10 "the workers of $name" group_gone "$pid"; then
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# A zombie counts as gone: an init that reaps orphans late keeps them around for seconds.
process_gone() {
  local state
  # The state follows the command name, which is in parentheses and may contain spaces.
  state=$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 0
  [[ -z $state || $state == Z ]]
}
group_gone() { ! pgrep -g "$1" -r R,S,D,T,t,I >/dev/null; }
