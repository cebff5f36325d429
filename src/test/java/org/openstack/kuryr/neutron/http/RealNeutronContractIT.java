package org.openstack.kuryr.neutron.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.fake.NeutronContract;

/**
 * The bed's real Neutron (ML2/OVN) keeps the contract the fake Neutron of the unit tests claims to
 * keep. A port is bound to this machine's host name, the one OVN's chassis uses here (override with
 * {@code -Dkuryr.it.host}).
 */
class RealNeutronContractIT extends NeutronContract {
  // One client for the class: each test's cleanup runs after its own @AfterEach methods would.
  private static final HttpNeutronClient CLIENT =
      HttpNeutronClient.builder(TestBed.noauth()).build();

  @AfterAll
  static void closeClient() {
    CLIENT.close();
  }

  @Override
  protected NeutronClient neutron() {
    return CLIENT;
  }

  @Override
  protected String boundHost() {
    return System.getProperty("kuryr.it.host", kernelHostName());
  }

  private static String kernelHostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().split("\\.")[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
