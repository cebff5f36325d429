package org.openstack.kuryr.e2e;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kuryr daemon as users run it: the packaged jar in its own process, on Docker's plugin socket,
 * configured for the test bed's Neutron, started as {@code scripts/kuryrd} starts it (its JVM
 * options and, when built, its AOT cache). Tests can stop, kill and restart it, and read its
 * figures from its admin socket. A daemon of the bed's second host ({@link SecondHost}) runs in
 * that host's network namespace instead, and one for a nested-mode VM ({@link NestedVm}) in the
 * VM's: the VM's own plugin directory is used by no other test run, so that daemon takes no turn.
 */
final class KuryrDaemon implements AutoCloseable {
  static final Path SOCKET = Path.of("/run/docker/plugins/kuryr.sock");
  private static final Path JAR = Path.of("target/kuryr.jar");
  private static final Path JVM_OPTIONS = Path.of("etc/kuryr.jvm.options");
  private static final Path AOT_CACHE = Path.of("target/kuryr.aot");
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path config;
  private final Path log;
  private final boolean holdsTurn;
  private final Path socket;
  private final Path adminSocket;
  private final URI neutron;
  private final List<String> launcher;
  private final Map<String, String> environment;
  private Process process;
  private Duration startToServing;

  private KuryrDaemon(
      Path config,
      Path log,
      boolean holdsTurn,
      Path socket,
      Path adminSocket,
      URI neutron,
      List<String> launcher,
      Map<String, String> environment) {
    this.config = config;
    this.log = log;
    this.holdsTurn = holdsTurn;
    this.socket = socket;
    this.adminSocket = adminSocket;
    this.neutron = neutron;
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
    return start(SOCKET, dir, neutron, extraConfig);
  }

  /**
   * Starts a daemon Docker knows as the plugin {@code pluginName} (its socket's name), e.g. a name
   * this dockerd has not met yet. Docker asks a plugin for its capabilities once in its lifetime,
   * when it first uses it: a fresh name gets this daemon's own, as after a restart of dockerd.
   */
  static KuryrDaemon startAs(String pluginName, Path dir, String extraConfig) {
    return start(
        Path.of("/run/docker/plugins", pluginName + ".sock"), dir, BedNeutron.URL, extraConfig);
  }

  private static KuryrDaemon start(Path socket, Path dir, URI neutron, String extraConfig) {
    MachineTurn.acquire();
    try {
      requireFreeSocket(socket);
      Path admin = dir.resolve("admin.sock");
      var daemon =
          new KuryrDaemon(
              dir.resolve("kuryr.conf"),
              dir.resolve("kuryr.log"),
              true,
              socket,
              admin,
              neutron,
              List.of(),
              Map.of());
      daemon.reconfigure(extraConfig);
      daemon.start();
      return daemon;
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
    requireFreeSocket(SecondHost.PLUGIN_SOCKET);
    var daemon =
        new KuryrDaemon(
            dir.resolve("kuryr-host2.conf"),
            dir.resolve("kuryr-host2.log"),
            false,
            SecondHost.PLUGIN_SOCKET,
            dir.resolve("admin-host2.sock"),
            BedNeutron.URL,
            host.launcher(),
            host.environment());
    daemon.reconfigure("");
    daemon.start();
    return daemon;
  }

  /**
   * Starts a daemon inside a nested-mode VM of the bed ({@code bed/vm.sh}): in the VM's network
   * namespace, on the VM's plugin socket, with {@code extraConfig} lines added.
   */
  static KuryrDaemon startInVm(Path dir, String netns, Path socket, String extraConfig) {
    // ip netns exec, as a VM would have it: /sys/class/net shows the VM's interfaces.
    var daemon =
        new KuryrDaemon(
            dir.resolve("kuryr.conf"),
            dir.resolve("kuryr.log"),
            false,
            socket,
            dir.resolve("admin.sock"),
            BedNeutron.URL,
            List.of("ip", "netns", "exec", netns),
            Map.of());
    daemon.reconfigure(extraConfig);
    daemon.start();
    return daemon;
  }

  /** Replaces the extra configuration lines; they take effect at the next (re)start. */
  void reconfigure(String extraConfig) {
    String bed =
        """
        [DEFAULT]
        debug = true
        plugin_socket = %s
        admin_socket = %s
        [neutron]
        auth_type = noauth
        endpoint_override = %s
        create_default_subnetpools = true
        vif_plugging_timeout = 30
        """
            .formatted(socket, adminSocket, neutron);
    try {
      Files.writeString(config, bed + extraConfig);
    } catch (IOException e) {
      throw new AssertionError("cannot write " + config + ": " + e, e);
    }
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
    argv.addAll(List.of(JAVA, "@" + JVM_OPTIONS));
    if (Files.exists(AOT_CACHE)) {
      argv.add("-XX:AOTCache=" + AOT_CACHE);
    }
    argv.addAll(List.of("-jar", JAR.toString(), "--config-file", config.toString()));
    long started = System.nanoTime();
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
    startToServing = Duration.ofNanos(System.nanoTime() - started);
    awaitAdminSocket(Duration.ofSeconds(30));
  }

  /** From starting the process to its first answer to {@code /Plugin.Activate}, last start. */
  Duration startToServing() {
    return startToServing;
  }

  /** The daemon's figures from its admin socket ({@code GET /metrics}), as JSON. */
  JsonNode metrics() {
    var request = "GET /metrics HTTP/1.1\r\nHost: kuryr\r\n\r\n";
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(adminSocket))) {
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      return JSON.readTree(body(Channels.newInputStream(channel)));
    } catch (IOException e) {
      throw new AssertionError("cannot read kuryr's figures: " + e, e);
    }
  }

  // The server keeps the connection open: the body is as long as its Content-Length says.
  private static byte[] body(java.io.InputStream in) throws IOException {
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed in the headers: " + head);
      }
      head.append((char) c);
    }
    if (!head.toString().startsWith("HTTP/1.1 200 ")) {
      throw new IOException("answer " + head.toString().lines().findFirst().orElse(""));
    }
    int length =
        head.toString()
            .lines()
            .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
            .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
            .findFirst()
            .orElseThrow(() -> new IOException("no Content-Length in " + head));
    return in.readNBytes(length);
  }

  // The admin socket comes up after the plugin socket, once the daemon is wired.
  private void awaitAdminSocket(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(adminSocket))) {
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no admin socket within " + timeout + ": " + logText());
        }
        sleep(Duration.ofMillis(20));
      }
    }
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
      sleep(Duration.ofMillis(5));
    }
    throw new AssertionError("kuryr did not serve within " + timeout + ": " + logText());
  }

  private boolean answers() {
    var activate = "POST /Plugin.Activate HTTP/1.1\r\nHost: \r\nContent-Length: 0\r\n\r\n";
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(activate.getBytes()));
      var buffer = ByteBuffer.allocate(64);
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
