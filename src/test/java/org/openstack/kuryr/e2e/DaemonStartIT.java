package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.e2e.Docker.docker;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the daemon starts: before Neutron is up, and serving Docker over TCP with a spec file. */
class DaemonStartIT {
  @TempDir Path dir;

  @Test
  void daemonServesDockerBeforeNeutronIsUpAndSaysWhatItWaitsFor() throws Exception {
    // Nothing listens on port 1 of the loopback: every connection is refused.
    try (KuryrDaemon daemon = KuryrDaemon.start(dir, URI.create("http://127.0.0.1:1"), "")) {
      PluginSocket.Reply activate = PluginSocket.post(KuryrDaemon.SOCKET, "Plugin.Activate", "");
      assertThat(activate.status()).isEqualTo(200);

      String name = "ks" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
      Shell.Result create =
          Docker.tryDocker(
              "network",
              "create",
              "-d",
              "kuryr",
              "--ipam-driver",
              "kuryr",
              "--subnet",
              "10.81.1.0/24",
              name);
      Docker.tryDocker("network", "rm", name);

      assertThat(create.ok()).isFalse();
      assertThat(create.stderr()).contains("Neutron is not reachable");
      Thread.sleep(1500);
      assertThat(daemon.logText()).contains("waiting for Neutron");
    }
  }

  @Test
  void dockerReachesTheDaemonOverTcpThroughTheSpecFile() throws Exception {
    // Another plugin name than "kuryr": the engine keeps an activated plugin's address for its
    // lifetime, so the socket-served "kuryr" must stay where it is for the other tests.
    String plugin = "kuryrtcp" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0xfff));
    Path spec = Path.of("/etc/docker/plugins/" + plugin + ".spec");
    String net = plugin + "-net";
    String container = plugin + "-c";
    try (KuryrDaemon daemon =
        KuryrDaemon.start(
            dir,
            """
            [DEFAULT]
            listen_tcp = true
            kuryr_uri = http://127.0.0.1:0
            spec_file = %s
            """
                .formatted(spec))) {
      try {
        assertThat(Files.readString(spec)).startsWith("http://127.0.0.1:");
        docker(
            "network",
            "create",
            "-d",
            plugin,
            "--ipam-driver",
            plugin,
            "--subnet",
            "10.81." + ThreadLocalRandom.current().nextInt(2, 250) + ".0/24",
            net);
        docker("run", "-d", "--name", container, "--net", net, "busybox", "sleep", "600");
        assertThat(Docker.ipv4(container, net)).startsWith("10.81.");
      } finally {
        Docker.removeQuietly(List.of(container), List.of(net));
      }
    }
    assertThat(spec).as("the daemon removes the spec file it wrote").doesNotExist();
  }
}
