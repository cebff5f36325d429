package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.openstack.kuryr.binding.RecordingPortBinder;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/**
 * The mapping services of one daemon over a fake Neutron and a recording binder, driven by a
 * simulated Docker engine. A second harness on the same fake Neutron is a second host.
 */
final class MappingHarness {
  static final String HOST = "host-1";

  final FakeNeutron neutron;
  final RecordingPortBinder binder = new RecordingPortBinder();
  final MappingSettings settings;
  MappingServices services;
  DockerEngine docker;

  MappingHarness() {
    this(new FakeNeutron(), settings(HOST, true));
  }

  MappingHarness(FakeNeutron neutron, MappingSettings settings) {
    this.neutron = neutron;
    this.settings = settings;
    restartDaemon();
  }

  /** Another host on the same Neutron. */
  MappingHarness secondHost() {
    return new MappingHarness(neutron, settings(HOST.replace('1', '2'), true));
  }

  /** The daemon restarts: everything it knew in memory is gone, Neutron is all it has. */
  void restartDaemon() {
    services = MappingServices.create(neutron, binder, settings);
    docker = new DockerEngine(services);
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
