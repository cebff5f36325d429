package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.openstack.kuryr.binding.RecordingPortBinder;
import org.openstack.kuryr.neutron.fake.FakeNeutron;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/**
 * The mapping services of one daemon over a fake Neutron and a recording binder, driven by a
 * simulated Docker engine. A second harness on the same fake Neutron is a second host.
 */
final class MappingHarness {
  static final String HOST = "host-1";
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);
  // A deletion that failed is tried again after a few seconds.
  private static final Duration RELEASES_TIMEOUT = Duration.ofSeconds(30);

  final FakeNeutron neutron;
  final RecordingPortBinder binder = new RecordingPortBinder();
  final MappingSettings settings;
  MappingServices services;
  DockerEngine docker;
  private boolean engineRequiresMac;

  MappingHarness() {
    this(new FakeNeutron(), settings(HOST, true));
  }

  MappingHarness(FakeNeutron neutron, MappingSettings settings) {
    this.neutron = neutron;
    this.settings = settings;
    start();
  }

  /** Another host on the same Neutron. */
  MappingHarness secondHost() {
    return new MappingHarness(neutron, settings(HOST.replace('1', '2'), true));
  }

  /**
   * The daemon restarts: it stops as on {@code SIGTERM} (background deletions under way finish
   * within a short grace, those waiting to be tried again are left), and everything it knew in
   * memory is gone. At start it recovers what Neutron shows it left.
   */
  void restartDaemon() {
    services.ports().close(STOP_GRACE);
    start();
    services.ports().recover();
  }

  private void start() {
    services = MappingServices.create(neutron, binder, settings);
    docker = new DockerEngine(services, engineRequiresMac);
  }

  /**
   * From now on Docker is an engine that activated an older Kuryr, whose IPAM driver required a
   * MAC: it sends one with every address request of an endpoint.
   */
  MappingHarness withEngineRequiringMac() {
    engineRequiresMac = true;
    docker = new DockerEngine(services, true);
    return this;
  }

  /** Waits for the daemon's background work on released ports: their deletion or return. */
  void awaitReleases() {
    if (!services.ports().awaitReleases(RELEASES_TIMEOUT)) {
      throw new AssertionError("released ports not dealt with within " + RELEASES_TIMEOUT);
    }
  }

  /** Neutron as it is once the daemon's background work on released ports is done. */
  FakeNeutronState settledState() {
    awaitReleases();
    return neutron.state();
  }

  static MappingSettings settings(String hostId, boolean createDefaultPools) {
    return new MappingSettings(
        hostId,
        "kuryrPool",
        true,
        new MappingSettings.DefaultPool("kuryr", createDefaultPools, List.of("10.200.0.0/16"), 24),
        new MappingSettings.DefaultPool("kuryr6", createDefaultPools, List.of("fd00:200::/48"), 64),
        Duration.ofSeconds(2),
        true,
        MappingSettings.PortPool.DISABLED);
  }

  /** A Docker ID (64 hex digits) made from a readable seed. */
  static String dockerId(String seed) {
    var hex = new StringBuilder();
    for (char c : seed.toCharArray()) {
      hex.append(String.format(Locale.ROOT, "%02x", (int) c));
    }
    while (hex.length() < 64) {
      hex.append(hex.length() % 16 == 0 ? 'a' : '0');
    }
    return hex.substring(0, 64);
  }
}
