package org.openstack.kuryr.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openstack.kuryr.config.Config;
import org.openstack.kuryr.config.ConfigException;
import org.openstack.kuryr.config.KuryrOptions;
import org.openstack.kuryr.config.NeutronAuthOptions;
import org.openstack.kuryr.config.Option;
import org.openstack.kuryr.docker.UnixSocketEngine;
import org.openstack.kuryr.host.CommandRunner;
import org.openstack.kuryr.host.ProcessCommandRunner;
import org.openstack.kuryr.libnetwork.IpamDriverCalls;
import org.openstack.kuryr.libnetwork.NetworkDriverCalls;
import org.openstack.kuryr.libnetwork.PluginEndpoints;
import org.openstack.kuryr.libnetwork.PluginServer;
import org.openstack.kuryr.mapping.BackgroundTask;
import org.openstack.kuryr.mapping.ContainerDnsNames;
import org.openstack.kuryr.mapping.HostLeftovers;
import org.openstack.kuryr.mapping.MappingServices;
import org.openstack.kuryr.mapping.MappingSettings;
import org.openstack.kuryr.mapping.ServiceSettings;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.auth.AuthSettings;
import org.openstack.kuryr.neutron.auth.AuthSources;
import org.openstack.kuryr.neutron.http.HttpNeutronClient;

/**
 * The running daemon: the plugin server over the mapping services, Neutron and the host.
 *
 * <p>The plugin server starts first, as soon as the configuration is read, so that Docker's
 * activation is answered within a fraction of a second; the rest (asking the host for its identity,
 * building the Neutron client, the admin socket) is wired in the background while calls that need
 * it wait ({@link StartingServices}).
 */
final class Daemon implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Daemon.class.getName());
  private static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration LONGEST_RECOVERY_PAUSE = Duration.ofSeconds(60);

  private final DaemonSettings settings;
  private final PluginServer server;
  private final StartingServices services;
  private final RequestMetrics metrics = new RequestMetrics();
  private final CompletableFuture<Wired> wired = new CompletableFuture<>();
  private final long servingSinceNanos = System.nanoTime();

  /** What the background wiring built. */
  private record Wired(
      NeutronClient neutron,
      MappingServices mapping,
      Thread neutronWatch,
      Optional<ContainerDnsNames> dnsNames,
      Optional<AdminServer> admin) {}

  private Daemon(DaemonSettings settings, PluginServer server, StartingServices services) {
    this.settings = settings;
    this.server = server;
    this.services = services;
  }

  /**
   * Validates the configuration, starts serving Docker and wires the rest in the background.
   *
   * @throws ConfigException when the configuration is invalid
   */
  static Daemon start(Config config, Map<String, String> environment) {
    warnUndeclared(config);
    DaemonSettings settings = DaemonSettings.from(config);
    AuthSettings auth = authSettings(config, environment);
    var services = new StartingServices();
    var endpoints =
        new PluginEndpoints(
            new NetworkDriverCalls(
                services, services, settings.scope(), settings.interfacePrefix()),
            new IpamDriverCalls(services, settings.addressSpace()));
    var server = new PluginServer(endpoints, settings.socketPath(), settings.tcpUri());
    server.start();
    var daemon = new Daemon(settings, server, services);
    Thread.ofVirtual().name("wiring").start(() -> daemon.wire(config, auth));
    return daemon;
  }

  /**
   * Waits until the background wiring is done.
   *
   * @throws ConfigException when it failed
   */
  void awaitWired() {
    try {
      wired.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof ConfigException c
          ? c
          : new ConfigException("kuryr cannot start: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private void wire(Config config, AuthSettings auth) {
    try {
      Wired done = wireServices(config, auth);
      services.ready(done.mapping());
      wired.complete(done);
      Thread.ofVirtual()
          .name("port-recovery")
          .start(() -> BackgroundTask.run("port recovery", () -> recoverPorts(done.mapping())));
    } catch (RuntimeException e) {
      services.failed(e);
      wired.completeExceptionally(e);
    }
  }

  private Wired wireServices(Config config, AuthSettings auth) {
    CommandRunner runner = new ProcessCommandRunner();
    String hostId = HostIdentity.resolve(settings.configuredHost(), runner);
    MappingSettings mapping = DaemonSettings.mapping(config, hostId);
    ServiceSettings serviceSettings = DaemonSettings.services(config);
    LOG.info(
        () ->
            "starting kuryr: host "
                + hostId
                + ", port driver "
                + settings.portDriver()
                + ", "
                + auth
                + ", "
                + mapping
                + ", "
                + serviceSettings);
    NeutronClient neutron = HttpNeutronClient.builder(auth).listener(metrics).build();
    MappingServices mapped =
        PortDrivers.services(settings, config, runner, neutron, mapping, serviceSettings);
    // Before the plugin API attaches anything: a device being plugged is no leftover.
    PortDrivers.inventory(settings, config, runner)
        .ifPresent(inventory -> HostLeftovers.remove(neutron, inventory));
    writeSpecFile();
    Thread watch = NeutronWatch.start(neutron);
    Optional<ContainerDnsNames> names = dnsNames(config, neutron, hostId);
    return new Wired(neutron, mapped, watch, names, startAdmin(neutron, mapped, names));
  }

  // Started once the plugin API serves: the engine may be waiting for this daemon's socket.
  private static Optional<ContainerDnsNames> dnsNames(
      Config config, NeutronClient neutron, String hostId) {
    return DaemonSettings.dockerSocket(config)
        .map(
            socket ->
                ContainerDnsNames.start(
                    neutron, new UnixSocketEngine(socket, DOCKER_TIMEOUT), hostId));
  }

  // Neutron may not answer yet at boot: the ports are then found again on a later try, however
  // long it takes, so that no released port waits for the next start to be deleted.
  private static void recoverPorts(MappingServices mapping) {
    Duration pause = Duration.ofSeconds(2);
    while (true) {
      try {
        mapping.ports().recover();
        return;
      } catch (RuntimeException e) {
        Duration wait = pause;
        LOG.warning(
            () ->
                "failed to find this host's ports again: "
                    + e.getMessage()
                    + "; retrying in "
                    + wait.toSeconds()
                    + " s");
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_RECOVERY_PAUSE) > 0
              ? LONGEST_RECOVERY_PAUSE
              : pause.multipliedBy(2);
    }
  }

  private Optional<AdminServer> startAdmin(
      NeutronClient neutron, MappingServices mapping, Optional<ContainerDnsNames> names) {
    if (settings.adminSocketPath().isEmpty()) {
      return Optional.empty();
    }
    var admin =
        new AdminServer(settings.adminSocketPath().get(), () -> figures(neutron, mapping, names));
    try {
      admin.start();
      return Optional.of(admin);
    } catch (IOException | RuntimeException e) {
      // The figures are for operators: the daemon serves Docker without them.
      LOG.log(Level.WARNING, "not serving the daemon's figures: " + e.getMessage(), e);
      return Optional.empty();
    }
  }

  private Map<String, Object> figures(
      NeutronClient neutron, MappingServices mapping, Optional<ContainerDnsNames> names) {
    var figures = new LinkedHashMap<String, Object>();
    // The JVM's uptime is read here, not at start: the management classes take a while to load.
    long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    long servingMillis = (System.nanoTime() - servingSinceNanos) / 1_000_000;
    figures.put("uptime_ms", uptimeMillis);
    figures.put("serving_after_jvm_start_ms", uptimeMillis - servingMillis);
    figures.put("neutron_requests", neutron.requestCounters().snapshot());
    figures.put("neutron_requests_by_call", metrics.byCall());
    figures.putAll(mapping.ports().figures());
    figures.put("dns_names_pending", names.map(ContainerDnsNames::pending).orElse(0));
    figures.put("memory", MemoryFigures.now());
    return figures;
  }

  private static void warnUndeclared(Config config) {
    List<Option<?>> declared = new ArrayList<>(KuryrOptions.all());
    declared.addAll(NeutronAuthOptions.all());
    config.undeclared(declared).forEach(m -> LOG.warning(() -> m + " (ignored)"));
  }

  private static AuthSettings authSettings(Config config, Map<String, String> environment) {
    try {
      return AuthSources.of(environment, NeutronAuthOptions.values(config)).resolve();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid Neutron credentials: " + e.getMessage(), e);
    }
  }

  // Docker only reads a .spec file for the TCP listener; the socket is found by its path.
  private void writeSpecFile() {
    settings
        .tcpUri()
        .ifPresent(
            uri -> {
              String address =
                  "http://" + uri.getHost() + ":" + server.tcpPort().orElse(uri.getPort());
              try {
                Path spec = settings.specFile();
                Files.createDirectories(spec.toAbsolutePath().getParent());
                Files.writeString(spec, address + "\n");
                LOG.info(() -> "wrote " + spec + " -> " + address);
              } catch (IOException e) {
                throw new ConfigException("failed to write " + settings.specFile() + ": " + e, e);
              }
            });
  }

  // A spec file left behind would send Docker to a dead address, as a stale socket would.
  private void removeSpecFile() {
    if (settings.tcpUri().isPresent()) {
      try {
        Files.deleteIfExists(settings.specFile());
      } catch (IOException e) {
        LOG.warning(() -> "failed to remove " + settings.specFile() + ": " + e);
      }
    }
  }

  @Override
  public void close() {
    Wired done = wired.getNow(null);
    if (done != null) {
      done.dnsNames().ifPresent(ContainerDnsNames::close);
    }
    removeSpecFile();
    server.close();
    if (done != null) {
      done.neutronWatch().interrupt();
      done.admin().ifPresent(AdminServer::close);
      done.mapping().ports().close(DaemonSettings.STOP_GRACE);
      done.neutron().close();
    }
    LOG.info("kuryr stopped");
  }
}
