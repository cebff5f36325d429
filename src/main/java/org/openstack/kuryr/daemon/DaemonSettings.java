package org.openstack.kuryr.daemon;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openstack.kuryr.config.Config;
import org.openstack.kuryr.config.ConfigException;
import org.openstack.kuryr.config.KuryrOptions;
import org.openstack.kuryr.mapping.MappingSettings;
import org.openstack.kuryr.mapping.ServiceSettings;

/**
 * The daemon's own settings, read and validated from the configuration once at start.
 *
 * @param socketPath Unix socket of the plugin API, if served there
 * @param adminSocketPath Unix socket of the daemon's figures, if served
 * @param tcpUri TCP address of the plugin API, if served there
 * @param specFile where the TCP address is announced to Docker
 * @param scope {@code local} or {@code global}
 * @param addressSpace the IPAM address space, local and global alike
 * @param portDriver {@code veth}, {@code vlan} or {@code nested}
 * @param configuredHost the {@code [DEFAULT] host} option, possibly blank
 * @param interfacePrefix prefix of the interface name inside containers
 * @param debug debug logging
 */
record DaemonSettings(
    Optional<Path> socketPath,
    Optional<Path> adminSocketPath,
    Optional<URI> tcpUri,
    Path specFile,
    String scope,
    String addressSpace,
    String portDriver,
    String configuredHost,
    String interfacePrefix,
    boolean debug) {

  /**
   * Reads the settings.
   *
   * @throws ConfigException when an option is invalid or options contradict each other
   */
  static DaemonSettings from(Config config) {
    String socket = config.get(KuryrOptions.PLUGIN_SOCKET).strip();
    boolean tcp = config.get(KuryrOptions.LISTEN_TCP);
    if (socket.isEmpty() && !tcp) {
      throw new ConfigException("plugin_socket is empty and listen_tcp is false: nothing to serve");
    }
    String local = config.get(KuryrOptions.LOCAL_ADDRESS_SPACE);
    if (!local.equals(config.get(KuryrOptions.GLOBAL_ADDRESS_SPACE))) {
      throw new ConfigException(
          "local_default_address_space and global_default_address_space must be equal: Docker"
              + " loops forever on pool requests otherwise");
    }
    String admin = config.get(KuryrOptions.ADMIN_SOCKET).strip();
    return new DaemonSettings(
        socket.isEmpty() ? Optional.empty() : Optional.of(Path.of(socket)),
        admin.isEmpty() ? Optional.empty() : Optional.of(Path.of(admin)),
        tcp ? Optional.of(tcpUri(config.get(KuryrOptions.KURYR_URI))) : Optional.empty(),
        Path.of(config.get(KuryrOptions.SPEC_FILE)),
        config.get(KuryrOptions.CAPABILITY_SCOPE),
        local,
        portDriver(config.get(KuryrOptions.PORT_DRIVER)),
        config.get(KuryrOptions.HOST),
        config.get(KuryrOptions.VETH_DST_PREFIX),
        config.get(KuryrOptions.DEBUG));
  }

  private static URI tcpUri(String text) {
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid kuryr_uri '" + text + "': " + e.getMessage(), e);
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new ConfigException("invalid kuryr_uri '" + text + "': expected http://host:port");
    }
    return uri;
  }

  // The original named drivers by module path, e.g. kuryr_libnetwork.port_driver.drivers.veth.
  private static String portDriver(String value) {
    String name = value.substring(value.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (!List.of("veth", "vlan", "nested").contains(name)) {
      throw new ConfigException(
          "invalid default_port_driver '" + value + "': expected veth, vlan or nested");
    }
    return name;
  }

  /** The mapping settings, for ports bound to {@code hostId}. */
  static MappingSettings mapping(Config config, String hostId) {
    return new MappingSettings(
        hostId,
        config.get(KuryrOptions.SUBNETPOOL_NAME_PREFIX),
        config.get(KuryrOptions.ENABLE_DHCP),
        new MappingSettings.DefaultPool(
            config.get(KuryrOptions.DEFAULT_SUBNETPOOL_V4),
            config.get(KuryrOptions.CREATE_DEFAULT_SUBNETPOOLS),
            config.get(KuryrOptions.DEFAULT_SUBNETPOOL_V4_PREFIXES),
            config.get(KuryrOptions.DEFAULT_SUBNETPOOL_V4_PREFIXLEN)),
        new MappingSettings.DefaultPool(
            config.get(KuryrOptions.DEFAULT_SUBNETPOOL_V6),
            config.get(KuryrOptions.CREATE_DEFAULT_SUBNETPOOLS),
            config.get(KuryrOptions.DEFAULT_SUBNETPOOL_V6_PREFIXES),
            config.get(KuryrOptions.DEFAULT_SUBNETPOOL_V6_PREFIXLEN)),
        config.get(KuryrOptions.VIF_PLUGGING_TIMEOUT),
        config.get(KuryrOptions.VIF_PLUGGING_IS_FATAL),
        portPool(config));
  }

  private static MappingSettings.PortPool portPool(Config config) {
    int min = config.get(KuryrOptions.PORTS_POOL_MIN);
    int max = config.get(KuryrOptions.PORTS_POOL_MAX);
    if (max < min) {
      throw new ConfigException(
          "[vif_pool] ports_pool_max (" + max + ") is below ports_pool_min (" + min + ")");
    }
    return new MappingSettings.PortPool(
        config.get(KuryrOptions.PORTS_POOL_ENABLED),
        min,
        max,
        config.get(KuryrOptions.PORTS_POOL_BATCH));
  }

  /** Which of Neutron's services container ports get. */
  static ServiceSettings services(Config config) {
    String external = config.get(KuryrOptions.EXTERNAL_NETWORK).strip();
    return new ServiceSettings(
        config.get(KuryrOptions.PROCESS_EXTERNAL_CONNECTIVITY),
        config.get(KuryrOptions.SECURITY_GROUPS),
        external.isEmpty() ? Optional.empty() : Optional.of(external));
  }

  /** The Docker engine's API socket, when the daemon may ask the engine for container names. */
  static Optional<Path> dockerSocket(Config config) {
    String socket = config.get(KuryrOptions.DOCKER_SOCKET).strip();
    return socket.isEmpty() ? Optional.empty() : Optional.of(Path.of(socket));
  }

  /** How long the daemon waits for in-flight requests when stopping. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);
}
