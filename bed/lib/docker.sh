# shellcheck shell=bash
# dockerd from Debian's docker.io (20.10) on the default socket, and a local busybox:latest image
# (nothing can be pulled here).

readonly DOCKER_SOCKET=/var/run/docker.sock
readonly DOCKERD_PIDFILE=$BED_RUN/dockerd.pid
# dockerd starts and supervises its own containerd; down.sh stops it after dockerd.
readonly DOCKER_CONTAINERD_PIDFILE=/var/run/docker/containerd/containerd.pid

# The bed's own docker commands go to the bed's dockerd, whatever the caller's environment says.
readonly CALLER_DOCKER_HOST=${DOCKER_HOST:-}
export DOCKER_HOST=unix://$DOCKER_SOCKET

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

# Starts dockerd without waiting for it; wait_for_dockerd does that.
start_dockerd() {
  is_running "$DOCKERD_PIDFILE" dockerd && return 0
  # A dockerd we did not start already owns the socket: use it rather than fight over it.
  if docker_answers; then
    log "a dockerd not started by the bed already answers on $DOCKER_SOCKET; using it"
    return 0
  fi
  log "starting dockerd ($DOCKER_SOCKET, log $BED_LOGS/dockerd.log)"
  # The shutdown timeout bounds how long down.sh waits for running containers to stop. dockerd
  # keeps its own pid file at the default /var/run/docker.pid: given ours, which already names it
  # by then, it would take itself for a second dockerd and refuse to start.
  start_in_session dockerd dockerd "$BED_LOGS/dockerd.log" \
    dockerd --host="unix://$DOCKER_SOCKET" --shutdown-timeout=5
}

wait_for_dockerd() {
  local started; started=$(now_us)
  wait_until 60 "dockerd" docker_answers_or_died || die "dockerd does not answer"
  docker_answers || die "dockerd exited, see $BED_LOGS/dockerd.log"
  log "dockerd answers ($(seconds_since "$started")s)"
}

docker_answers_or_died() {
  docker_answers || { was_started dockerd && ! is_running "$DOCKERD_PIDFILE" dockerd; }
}

# A client in front of the Debian one in PATH (or a DOCKER_HOST/context) may point elsewhere.
check_docker_client() {
  local client; client=$(command -v docker)
  env -u DOCKER_HOST -u DOCKER_CONTEXT timeout 10 docker info >/dev/null 2>&1 ||
    die "'$client info' does not reach $DOCKER_SOCKET (docker context? DOCKER_HOST?)"
  [[ -z $CALLER_DOCKER_HOST || $CALLER_DOCKER_HOST == "unix://$DOCKER_SOCKET" ]] ||
    log "warning: your DOCKER_HOST=$CALLER_DOCKER_HOST points away from the bed's dockerd"
}

# busybox:latest from Debian's busybox-static: one static binary plus a link per applet.
ensure_busybox_image() {
  docker image inspect busybox:latest >/dev/null 2>&1 && return 0
  log "building busybox:latest from $(dpkg-query -W -f='${Package} ${Version}' busybox-static)"
  local rootfs applet
  rootfs=$(mktemp -d /tmp/kuryr-bed-busybox.XXXXXX)
  on_exit "rm -rf '$rootfs'"
  install -d "$rootfs"/{bin,etc,root,proc,sys,dev,var/www}
  install -d -m 1777 "$rootfs/tmp"
  install -m 755 /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [[ $applet == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
    >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -c . |
    timeout 120 docker import -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - busybox:latest >/dev/null ||
    die "docker import of busybox:latest failed"
}
