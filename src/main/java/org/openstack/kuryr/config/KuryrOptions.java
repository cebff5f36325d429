package org.openstack.kuryr.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every option of kuryr.conf except Neutron credentials ({@link NeutronAuthOptions}). Names and
 * defaults follow the original kuryr-libnetwork where it has the option, so existing files keep
 * working; options it reads but this daemon has no use for are accepted and ignored, with a note.
 */
public final class KuryrOptions {
  private KuryrOptions() {}

  private static final String DEFAULT = "DEFAULT";
  private static final String NEUTRON = "neutron";
  private static final String BINDING = "binding";
  private static final String VIF_POOL = "vif_pool";
  private static final Duration HOUR = Duration.ofHours(1);

  // ---------------------------------------------------------------- [DEFAULT]

  public static final Option<String> PLUGIN_SOCKET =
      Option.of(DEFAULT, "plugin_socket", OptionType.STRING)
          .defaultValue("/run/docker/plugins/kuryr.sock")
          .help(
              "Unix socket on which Docker's plugin API is served. Docker finds the plugin named"
                  + " 'kuryr' there. Empty to serve on kuryr_uri only.")
          .build();

  public static final Option<String> ADMIN_SOCKET =
      Option.of(DEFAULT, "admin_socket", OptionType.STRING)
          .defaultValue("/run/kuryr/kuryr-admin.sock")
          .help(
              "Unix socket serving the daemon's own figures as JSON (GET /metrics: Neutron"
                  + " requests per plugin call, port pools, memory). Only root can reach it. Empty"
                  + " to serve none.")
          .build();

  public static final Option<Boolean> LISTEN_TCP =
      Option.of(DEFAULT, "listen_tcp", OptionType.BOOLEAN)
          .defaultValue(false)
          .help("Also serve Docker's plugin API over TCP on kuryr_uri, announced by spec_file.")
          .build();

  public static final Option<String> KURYR_URI =
      Option.of(DEFAULT, "kuryr_uri", OptionType.STRING)
          .defaultValue("http://127.0.0.1:23750")
          .help("URL to listen on when listen_tcp is true. Keep it on loopback.")
          .build();

  public static final Option<String> SPEC_FILE =
      Option.of(DEFAULT, "spec_file", OptionType.STRING)
          .defaultValue("/etc/docker/plugins/kuryr.spec")
          .help("Plugin spec file written with kuryr_uri when listen_tcp is true.")
          .build();

  public static final Option<String> CAPABILITY_SCOPE =
      Option.of(DEFAULT, "capability_scope", OptionType.choice("local", "global"))
          .defaultValue("local")
          .help("Scope the network driver announces to Docker ('global' for swarm mode).")
          .build();

  public static final Option<String> LOCAL_ADDRESS_SPACE =
      Option.of(DEFAULT, "local_default_address_space", OptionType.STRING)
          .defaultValue("no_address_space")
          .help("Default local address space announced by the IPAM driver.")
          .build();

  public static final Option<String> GLOBAL_ADDRESS_SPACE =
      Option.of(DEFAULT, "global_default_address_space", OptionType.STRING)
          .defaultValue("no_address_space")
          .help(
              "Default global address space announced by the IPAM driver. Must equal the local"
                  + " one: Docker loops on pool requests otherwise.")
          .build();

  public static final Option<Boolean> PROCESS_EXTERNAL_CONNECTIVITY =
      Option.of(DEFAULT, "process_external_connectivity", OptionType.BOOLEAN)
          .defaultValue(true)
          .help(
              "Open exposed container ports (--expose, EXPOSE) with a Neutron security group, and"
                  + " publish ports (-p, -P) as port forwardings of a floating IP. When false, a"
                  + " container asking for either fails to start.")
          .build();

  public static final Option<String> DOCKER_SOCKET =
      Option.of(DEFAULT, "docker_socket", OptionType.STRING)
          .defaultValue("/run/docker.sock")
          .help(
              "The local Docker engine's API socket, read for container names: a container's"
                  + " port gets its name as dns_name (when Neutron has dns-integration). Empty:"
                  + " do not ask the engine; ports keep Neutron's names.")
          .build();

  public static final Option<String> SUBNETPOOL_NAME_PREFIX =
      Option.of(DEFAULT, "subnetpool_name_prefix", OptionType.STRING)
          .defaultValue("kuryrPool")
          .help("Prefix of the names of the subnet pools created for Docker networks.")
          .build();

  public static final Option<String> PORT_DRIVER =
      Option.of(DEFAULT, "default_port_driver", OptionType.STRING)
          .defaultValue("veth")
          .help(
              "How containers are wired: 'veth' (bare metal host), 'vlan' (nested: trunk subports"
                  + " of the VM's port) or 'nested' (nested: macvlan with allowed address pairs)."
                  + " The original's module paths are accepted too.")
          .deprecatedNames("port_driver")
          .build();

  public static final Option<String> HOST =
      Option.of(DEFAULT, "host", OptionType.STRING)
          .defaultValue("")
          .help(
              "Host name ports are bound to (binding:host_id): the name Neutron's agent or OVN's"
                  + " chassis uses for this host. Empty: Open vSwitch's external_ids:hostname,"
                  + " else the short host name.")
          .build();

  public static final Option<Boolean> DEBUG =
      Option.of(DEFAULT, "debug", OptionType.BOOLEAN)
          .defaultValue(false)
          .help("Log at debug level, including a summary of every request.")
          .build();

  // ---------------------------------------------------------------- [neutron]

  public static final Option<Boolean> ENABLE_DHCP =
      Option.of(NEUTRON, "enable_dhcp", OptionType.BOOLEAN)
          .defaultValue(true)
          .help("Enable DHCP on the subnets created for Docker networks.")
          .build();

  public static final Option<String> DEFAULT_SUBNETPOOL_V4 =
      Option.of(NEUTRON, "default_subnetpool_v4", OptionType.STRING)
          .defaultValue("kuryr")
          .help("Subnet pool that IPv4 subnets come from when a network is created without one.")
          .build();

  public static final Option<String> DEFAULT_SUBNETPOOL_V6 =
      Option.of(NEUTRON, "default_subnetpool_v6", OptionType.STRING)
          .defaultValue("kuryr6")
          .help("Subnet pool that IPv6 subnets come from when a network is created without one.")
          .build();

  public static final Option<Boolean> CREATE_DEFAULT_SUBNETPOOLS =
      Option.of(NEUTRON, "create_default_subnetpools", OptionType.BOOLEAN)
          .defaultValue(false)
          .help("Create the default subnet pools with the prefixes below when they are missing.")
          .build();

  public static final Option<List<String>> DEFAULT_SUBNETPOOL_V4_PREFIXES =
      Option.of(NEUTRON, "default_subnetpool_v4_prefixes", OptionType.LIST)
          .defaultValue(List.of("10.10.0.0/16"))
          .help("Prefixes of the IPv4 default subnet pool when kuryr creates it.")
          .build();

  public static final Option<Integer> DEFAULT_SUBNETPOOL_V4_PREFIXLEN =
      Option.of(NEUTRON, "default_subnetpool_v4_prefixlen", OptionType.integer(8, 30))
          .defaultValue(24)
          .help("Prefix length of the IPv4 subnets carved from the default pool.")
          .build();

  public static final Option<List<String>> DEFAULT_SUBNETPOOL_V6_PREFIXES =
      Option.of(NEUTRON, "default_subnetpool_v6_prefixes", OptionType.LIST)
          .defaultValue(List.of("fd6b:7572:7972::/48"))
          .help("Prefixes of the IPv6 default subnet pool when kuryr creates it.")
          .build();

  public static final Option<Integer> DEFAULT_SUBNETPOOL_V6_PREFIXLEN =
      Option.of(NEUTRON, "default_subnetpool_v6_prefixlen", OptionType.integer(48, 126))
          .defaultValue(64)
          .help("Prefix length of the IPv6 subnets carved from the default pool.")
          .build();

  public static final Option<Boolean> VIF_PLUGGING_IS_FATAL =
      Option.of(NEUTRON, "vif_plugging_is_fatal", OptionType.BOOLEAN)
          .defaultValue(true)
          .help(
              "Fail the container's network attachment when its port is not working within"
                  + " vif_plugging_timeout; otherwise log a warning and go on.")
          .build();

  public static final Option<Duration> VIF_PLUGGING_TIMEOUT =
      Option.of(NEUTRON, "vif_plugging_timeout", OptionType.seconds(Duration.ZERO, HOUR))
          .defaultValue(Duration.ofSeconds(30))
          .help(
              "How long to wait for a container's port to carry traffic (OVN flows installed, or"
                  + " Neutron status ACTIVE). 0 does not wait.")
          .build();

  public static final Option<List<String>> SECURITY_GROUPS =
      Option.of(NEUTRON, "security_groups", OptionType.LIST)
          .defaultValue(List.of())
          .help(
              "Security groups (names or IDs) of container ports whose network and endpoint name"
                  + " none (options neutron.securitygroups). Empty: Neutron's default group.")
          .build();

  public static final Option<String> EXTERNAL_NETWORK =
      Option.of(NEUTRON, "external_network", OptionType.STRING)
          .defaultValue("")
          .help(
              "External network (name or ID) that floating IPs of containers and of published"
                  + " ports come from; the router of the container's subnet must have its gateway"
                  + " there. Empty: the network of that router's gateway.")
          .build();

  // ---------------------------------------------------------------- [binding]

  public static final Option<String> VETH_DST_PREFIX =
      Option.of(BINDING, "veth_dst_prefix", OptionType.STRING)
          .defaultValue("eth")
          .help("Prefix of the interface name inside the container (Docker appends a number).")
          .build();

  public static final Option<String> LINK_IFACE =
      Option.of(BINDING, "link_iface", OptionType.STRING)
          .defaultValue("")
          .help(
              "Nested modes: the VM's interface that carries its Neutron port. Empty: the"
                  + " interface whose MAC is the VM port's.")
          .build();

  public static final Option<String> VM_PORT_ID =
      Option.of(BINDING, "vm_port_id", OptionType.STRING)
          .defaultValue("")
          .help(
              "Nested modes: the Neutron port of the VM this daemon runs in (its UUID). Empty: the"
                  + " port with link_iface's MAC address or, without link_iface, the one port whose"
                  + " MAC address an interface of this VM carries.")
          .build();

  public static final Option<String> VLAN_DEVICES =
      Option.of(BINDING, "vlan_devices", OptionType.choice("kernel", "ovs_access_port"))
          .defaultValue("kernel")
          .help(
              "Nested VLAN mode: how container devices are made. 'kernel': an 802.1Q VLAN device"
                  + " on link_iface. 'ovs_access_port' is for test beds whose kernel lacks 802.1Q"
                  + " only: a veth whose other end is an access port of vlan_test_bridge, an Open"
                  + " vSwitch bridge standing in for the VM's VLAN layer.")
          .build();

  public static final Option<String> VLAN_TEST_BRIDGE =
      Option.of(BINDING, "vlan_test_bridge", OptionType.STRING)
          .defaultValue("")
          .help("Test beds only: the Open vSwitch bridge of vlan_devices = ovs_access_port.")
          .build();

  public static final Option<String> VLAN_TEST_BRIDGE_NETNS =
      Option.of(BINDING, "vlan_test_bridge_netns", OptionType.STRING)
          .defaultValue("")
          .help(
              "Test beds only: the network namespace where vlan_test_bridge's ovs-vswitchd runs, as"
                  + " a process ID (1: the host's) or a name under /run/netns. Empty: this"
                  + " daemon's own.")
          .build();

  public static final Option<String> INTEGRATION_BRIDGE =
      Option.of(BINDING, "integration_bridge", OptionType.STRING)
          .defaultValue("br-int")
          .help("Open vSwitch bridge for 'ovs' ports when Neutron does not name one.")
          .build();

  public static final Option<String> TX_CHECKSUM_OFFLOAD =
      Option.of(BINDING, "tx_checksum_offload", OptionType.choice("auto", "on", "off"))
          .defaultValue("auto")
          .help(
              "TX checksum offload on the container's interface. 'auto' turns it off when the"
                  + " bridge uses Open vSwitch's userspace datapath, which otherwise sends TCP"
                  + " and UDP with bad checksums.")
          .build();

  public static final Option<Duration> COMMAND_TIMEOUT =
      Option.of(BINDING, "command_timeout", OptionType.seconds(Duration.ofSeconds(1), HOUR))
          .defaultValue(Duration.ofSeconds(10))
          .help("Longest time a host command (ip, ovs-vsctl, ethtool) may take.")
          .build();

  // ---------------------------------------------------------------- [vif_pool]

  public static final Option<Boolean> PORTS_POOL_ENABLED =
      Option.of(VIF_POOL, "enabled", OptionType.BOOLEAN)
          .defaultValue(true)
          .help(
              "Keep ports created ahead of time and bound to this host, per subnet, so that"
                  + " starting a container needs no port creation or binding in Neutron. Each"
                  + " free port holds an address of its subnet.")
          .build();

  public static final Option<Integer> PORTS_POOL_MIN =
      Option.of(VIF_POOL, "ports_pool_min", OptionType.integer(0, 10_000))
          .defaultValue(20)
          .help(
              "Refill a subnet's pool when fewer ports than this are free: the number of"
                  + " containers that can start at once on this host without a port creation.")
          .build();

  public static final Option<Integer> PORTS_POOL_MAX =
      Option.of(VIF_POOL, "ports_pool_max", OptionType.integer(0, 10_000))
          .defaultValue(40)
          .help(
              "Free ports kept per subnet at most: ports released beyond are deleted. At least"
                  + " ports_pool_min.")
          .build();

  public static final Option<Integer> PORTS_POOL_BATCH =
      Option.of(VIF_POOL, "ports_pool_batch", OptionType.integer(1, 100))
          .defaultValue(10)
          .help(
              "Ports created per Neutron request when refilling. One refill runs at a time on"
                  + " this host, so a burst of containers never floods Neutron.")
          .build();

  // ---------------------------------------------------------------- read but unused

  static final List<Option<String>> IGNORED =
      List.of(
          ignored(DEFAULT, "pybasedir"),
          ignored(DEFAULT, "bindir"),
          ignored(DEFAULT, "enabled_port_drivers"),
          ignored(DEFAULT, "deployment_type"),
          ignored(BINDING, "default_driver"),
          ignored(BINDING, "driver"),
          ignored(BINDING, "enabled_drivers"));

  private static Option<String> ignored(String section, String name) {
    return Option.of(section, name, OptionType.STRING)
        .help("Read for compatibility with the original kuryr-libnetwork and ignored.")
        .build();
  }

  /** Every option declared here, in the order of the sample file. */
  public static List<Option<?>> all() {
    var all = new ArrayList<Option<?>>(declared());
    all.addAll(IGNORED);
    return List.copyOf(all);
  }

  private static List<Option<?>> declared() {
    return List.of(
        PLUGIN_SOCKET,
        ADMIN_SOCKET,
        LISTEN_TCP,
        KURYR_URI,
        SPEC_FILE,
        CAPABILITY_SCOPE,
        LOCAL_ADDRESS_SPACE,
        GLOBAL_ADDRESS_SPACE,
        PROCESS_EXTERNAL_CONNECTIVITY,
        DOCKER_SOCKET,
        SUBNETPOOL_NAME_PREFIX,
        PORT_DRIVER,
        HOST,
        DEBUG,
        ENABLE_DHCP,
        DEFAULT_SUBNETPOOL_V4,
        DEFAULT_SUBNETPOOL_V6,
        CREATE_DEFAULT_SUBNETPOOLS,
        DEFAULT_SUBNETPOOL_V4_PREFIXES,
        DEFAULT_SUBNETPOOL_V4_PREFIXLEN,
        DEFAULT_SUBNETPOOL_V6_PREFIXES,
        DEFAULT_SUBNETPOOL_V6_PREFIXLEN,
        VIF_PLUGGING_IS_FATAL,
        VIF_PLUGGING_TIMEOUT,
        SECURITY_GROUPS,
        EXTERNAL_NETWORK,
        VETH_DST_PREFIX,
        LINK_IFACE,
        VM_PORT_ID,
        VLAN_DEVICES,
        VLAN_TEST_BRIDGE,
        VLAN_TEST_BRIDGE_NETNS,
        INTEGRATION_BRIDGE,
        TX_CHECKSUM_OFFLOAD,
        COMMAND_TIMEOUT,
        PORTS_POOL_ENABLED,
        PORTS_POOL_MIN,
        PORTS_POOL_MAX,
        PORTS_POOL_BATCH);
  }
}
