# Shared by the scripts in this directory. Sourced, not run.

# The project builds and runs on Java 25 (Temurin 25 on these machines); Debian 12's own JDK is 17.
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
# pyenv's shims come first on some machines; the bed needs Debian's python3.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KURYR_RUN=/run/kuryr-bed
KURYR_LOGS=/var/log/kuryr-bed
KURYR_CONF=/etc/kuryr-bed/kuryr.conf

say() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0")" "$*"; }
die() { printf '[%s] error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

require_root() { [[ $EUID == 0 ]] || die "run as root (sudo $0)"; }

require_java() {
  [[ -x $JAVA_HOME/bin/java ]] || die "no JDK 25 at $JAVA_HOME: install Temurin 25 or set JAVA_HOME_25"
  command -v mvn >/dev/null || die "Maven is missing: apt-get install maven"
}

# Builds target/kuryr.jar and target/lib/ unless they are newer than every source file.
build_kuryr() {
  require_java
  local jar=$REPO/target/kuryr.jar
  if [[ -f $jar ]] && [[ -z $(find "$REPO/src/main" "$REPO/pom.xml" -newer "$jar" -print -quit) ]]; then
    return
  fi
  say "building kuryr"
  (cd "$REPO" && mvn -B -q package -DskipTests) || die "build failed"
}

# JVM options of the daemon, and its AOT cache next to the jar (rebuilt when older than the jar or
# the options): the daemon then answers Docker's activation about twice as fast.
KURYR_JVM_OPTIONS=$REPO/etc/kuryr.jvm.options
KURYR_AOT=$REPO/target/kuryr.aot

ensure_aot_cache() {
  if [[ -f $KURYR_AOT ]] && [[ -z $(find "$REPO/target/kuryr.jar" "$KURYR_JVM_OPTIONS" -newer "$KURYR_AOT" -print -quit) ]]; then
    return
  fi
  say "building the AOT cache (one training run)"
  "$REPO/scripts/aot-cache" "$REPO/target/kuryr.jar" "$KURYR_AOT" || say "no AOT cache: the daemon starts without it"
}
