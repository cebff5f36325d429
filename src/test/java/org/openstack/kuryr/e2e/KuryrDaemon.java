package org.openstack.kuryr.e2e;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kuryr daemon as users run it: the packaged jar in its own process, on Docker's plugin socket,
 * configured for the test bed's Neutron. Tests can stop, kill and restart it. A daemon of the bed's
 * second host ({@link SecondHost}) runs in that host's network namespace instead, and one for a
 * nested-mode VM ({@link NestedVm}) in the VM's: the VM's own plugin directory is used by no other
 * test run, so that daemon takes no turn.
 */
final class KuryrDaemon implements AutoCloseable {
  static final Path SOCKET = Path.of("/run/docker/plugins/kuryr.sock");
  private static final Path JAR = Path.of("target/kuryr.jar");
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private final Path config;
  private final Path log;
  private final boolean holdsTurn;
  private final Path socket;
  private final List<String> launcher;
  private final Map<String, String> environment;
  private Process process;

  private KuryrDaemon(
      Path config,
      Path log,
      boolean holdsTurn,
      Path socket,
      List<String> launcher,
      Map<String, String> environment) {
    this.config = config;
    this.log = log;
    this.holdsTurn = holdsTurn;
    this.socket = socket;
    this.launcher = launcher;
    this.environment = environment;
  }

  /**
   * Starts a daemon with the bed's settings plus {@code extraConfig} lines (INI, with sections).
   */
  static KuryrDaemon start(Path dir, String extraConfig) {
    return start(dir, BedNeutron.URL, extraConfig);
  }

  /** Starts a daemon that reaches Neutron at {@code neutron} (a fault-injecting proxy, say). */
  static KuryrDaemon start(Path dir, URI neutron, String extraConfig) {
    MachineTurn.acquire();
    try {
      requireFreeSocket(SOCKET);
      Path config = dir.resolve("kuryr.conf");
      Files.writeString(config, bedConfig(neutron, extraConfig));
      var daemon =
          new KuryrDaemon(config, dir.resolve("kuryr.log"), true, SOCKET, List.of(), Map.of());
      daemon.start();
      return daemon;
    } catch (IOException e) {
      MachineTurn.release();
      throw new AssertionError(e);
    } catch (RuntimeException | AssertionError e) {
      MachineTurn.release();
      throw e;
    }
  }

  /**
   * Starts the daemon of the bed's second host: in its network namespace, with its Open vSwitch
   * (OVS_RUNDIR) and on its dockerd's plugin socket. The caller holds the turn through the first
   * host's daemon.
   */
  static KuryrDaemon startOnSecondHost(Path dir, SecondHost host) {
    try {
      requireFreeSocket(SecondHost.PLUGIN_SOCKET);
      Path config = dir.resolve("kuryr-host2.conf");
      String socketOption = "[DEFAULT]\nplugin_socket = " + SecondHost.PLUGIN_SOCKET + "\n";
      Files.writeString(config, bedConfig(BedNeutron.URL, socketOption));
      var daemon =
          new KuryrDaemon(
              config,
              dir.resolve("kuryr-host2.log"),
              false,
              SecondHost.PLUGIN_SOCKET,
              host.launcher(),
              host.environment());
      daemon.start();
      return daemon;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Starts a daemon inside a nested-mode VM of the bed ({@code bed/vm.sh}): in the VM's network
   * namespace, on the VM's plugin socket, with {@code extraConfig} lines added.
   */
  static KuryrDaemon startInVm(Path dir, String netns, Path socket, String extraConfig) {
    Path config = dir.resolve("kuryr.conf");
    try {
      Files.writeString(
          config,
          bedConfig(BedNeutron.URL, "[DEFAULT]\nplugin_socket = " + socket + "\n" + extraConfig));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    // ip netns exec, as a VM would have it: /sys/class/net shows the VM's interfaces.
    var daemon =
        new KuryrDaemon(
            config,
            dir.resolve("kuryr.log"),
            false,
            socket,
            List.of("ip", "netns", "exec", netns),
            Map.of());
    daemon.start();
    return daemon;
  }

  private static String bedConfig(URI neutron, String extra) {
    return """
        [DEFAULT]
        debug = true
        [neutron]
        auth_type = noauth
        endpoint_override = %s
        create_default_subnetpools = true
        vif_plugging_timeout = 30
        """
            .formatted(neutron)
        + extra;
  }

  // A daemon from the demo (or a crashed test) on the socket would take the calls meant for this
  // one; fail loudly rather than test the wrong process.
  private static void requireFreeSocket(Path socket) {
    if (!Files.exists(socket)) {
      return;
    }
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
      String script = socket.equals(SOCKET) ? "scripts/kuryrd" : "scripts/kuryrd-host2";
      throw new AssertionError(
          "another kuryr serves " + socket + ": stop it first (" + script + " stop)");
    } catch (IOException free) {
      // nobody answers: the daemon replaces the stale file
    }
  }

  void start() {
    List<String> argv = new ArrayList<>(launcher);
    argv.addAll(
        List.of(
            JAVA,
            "-XX:+UseSerialGC",
            "-Xmx128m",
            "-jar",
            JAR.toString(),
            "--config-file",
            config.toString()));
    var builder = new ProcessBuilder(argv);
    builder.environment().putAll(environment);
    try {
      process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new AssertionError("cannot start kuryr: " + e, e);
    }
    awaitServing(Duration.ofSeconds(30));
  }

  private void awaitServing(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("kuryr exited: " + logText());
      }
      if (answers()) {
        return;
      }
      sleep(Duration.ofMillis(50));
    }
    throw new AssertionError("kuryr did not serve within " + timeout + ": " + logText());
  }

  private boolean answers() {
    var activate = "POST /Plugin.Activate HTTP/1.1\r\nHost: \r\nContent-Length: 0\r\n\r\n";
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(java.nio.ByteBuffer.wrap(activate.getBytes()));
      var buffer = java.nio.ByteBuffer.allocate(64);
      return channel.read(buffer) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the daemon the way systemd does (SIGTERM), waiting for it. */
  void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitFor(Duration.ofSeconds(15));
    }
  }

  /** Kills the daemon without warning (SIGKILL), as a crash would. */
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(15));
    }
  }

  void restart() {
    stop();
    start();
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      if (holdsTurn) {
        MachineTurn.release();
      }
    }
  }
}
