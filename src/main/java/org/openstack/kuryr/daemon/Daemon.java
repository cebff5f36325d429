package org.openstack.kuryr.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
import org.openstack.kuryr.mapping.ContainerDnsNames;
import org.openstack.kuryr.mapping.MappingServices;
import org.openstack.kuryr.mapping.MappingSettings;
import org.openstack.kuryr.mapping.ServiceSettings;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.auth.AuthSettings;
import org.openstack.kuryr.neutron.auth.AuthSources;
import org.openstack.kuryr.neutron.http.HttpNeutronClient;

/** The running daemon: the plugin server over the mapping services, Neutron and the host. */
final class Daemon implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Daemon.class.getName());
  private static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(10);

  private final DaemonSettings settings;
  private final NeutronClient neutron;
  private final PluginServer server;
  private final Thread neutronWatch;
  private final Optional<ContainerDnsNames> dnsNames;

  private Daemon(
      DaemonSettings settings,
      NeutronClient neutron,
      PluginServer server,
      Optional<Supplier<ContainerDnsNames>> dnsNames) {
    this.settings = settings;
    this.neutron = neutron;
    this.server = server;
    server.start();
    writeSpecFile();
    this.neutronWatch = NeutronWatch.start(neutron);
    this.dnsNames = dnsNames.map(Supplier::get);
  }

  /**
   * Builds and starts the daemon from its configuration.
   *
   * @throws ConfigException when the configuration is invalid
   */
  static Daemon start(Config config, Map<String, String> environment) {
    warnUndeclared(config);
    DaemonSettings settings = DaemonSettings.from(config);
    AuthSettings auth = authSettings(config, environment);
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
    NeutronClient neutron = HttpNeutronClient.builder(auth).build();
    MappingServices services =
        PortDrivers.services(settings, config, runner, neutron, mapping, serviceSettings);
    var endpoints =
        new PluginEndpoints(
            new NetworkDriverCalls(
                services.networks(),
                services.endpoints(),
                settings.scope(),
                settings.interfacePrefix()),
            new IpamDriverCalls(services.ipam(), settings.addressSpace()));
    var server = new PluginServer(endpoints, settings.socketPath(), settings.tcpUri());
    return new Daemon(settings, neutron, server, dnsNames(config, neutron, hostId));
  }

  // Started once the plugin API serves: the engine may be waiting for this daemon's socket.
  private static Optional<Supplier<ContainerDnsNames>> dnsNames(
      Config config, NeutronClient neutron, String hostId) {
    return DaemonSettings.dockerSocket(config)
        .map(
            socket ->
                () ->
                    ContainerDnsNames.start(
                        neutron, new UnixSocketEngine(socket, DOCKER_TIMEOUT), hostId));
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
                Files.createDirectories(settings.specFile().toAbsolutePath().getParent());
                Files.writeString(settings.specFile(), address + "\n");
                LOG.info(() -> "wrote " + settings.specFile() + " -> " + address);
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
    dnsNames.ifPresent(ContainerDnsNames::close);
    neutronWatch.interrupt();
    removeSpecFile();
    server.close();
    neutron.close();
    LOG.info("kuryr stopped");
  }
}
