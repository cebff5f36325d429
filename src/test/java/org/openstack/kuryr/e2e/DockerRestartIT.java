package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.e2e.Docker.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarting dockerd brings containers with a restart policy back on their kuryr network. */
class DockerRestartIT {
  private static final Path DOCKERD_PID = Path.of("/run/kuryr-bed/dockerd.pid");

  @TempDir static Path dir;
  private static KuryrDaemon daemon;

  private final String prefix = "kd" + Integer.toHexString(ThreadLocalRandom.current().nextInt());

  @BeforeAll
  static void start() {
    daemon = KuryrDaemon.start(dir, "");
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void containersComeBackOnTheirNetworkAfterDockerdRestarts() throws Exception {
    String net = prefix + "-net";
    List<String> containers = List.of(prefix + "-a", prefix + "-b");
    try {
      docker(
          "network",
          "create",
          "-d",
          "kuryr",
          "--ipam-driver",
          "kuryr",
          "--subnet",
          "10.80." + ThreadLocalRandom.current().nextInt(1, 250) + ".0/24",
          net);
      for (String name : containers) {
        docker(
            "run",
            "-d",
            "--restart",
            "always",
            "--name",
            name,
            "--net",
            net,
            "busybox",
            "sh",
            "-c",
            "trap 'exit 0' TERM; while true; do sleep 1; done");
      }

      restartDockerd();

      awaitRunning(containers);
      docker(
          "exec",
          containers.get(0),
          "ping",
          "-c",
          "1",
          "-W",
          "3",
          Docker.ipv4(containers.get(1), net));
      docker(
          "exec",
          containers.get(1),
          "ping",
          "-c",
          "1",
          "-W",
          "3",
          Docker.ipv4(containers.get(0), net));
    } finally {
      Docker.removeQuietly(containers, List.of(net));
    }
  }

  private static void restartDockerd() throws Exception {
    long pid = Long.parseLong(Files.readString(DOCKERD_PID).strip());
    ProcessHandle dockerd =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("dockerd is not running"));
    dockerd.destroy();
    dockerd.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    Shell.run(Duration.ofMinutes(3), "bed/up.sh");
  }

  private static void awaitRunning(List<String> containers) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      boolean all =
          containers.stream()
              .allMatch(c -> docker("inspect", "-f", "{{.State.Running}}", c).equals("true"));
      if (all) {
        return;
      }
      Thread.sleep(500);
    }
    assertThat(containers).as("containers running 60 s after dockerd restarted").isEmpty();
  }
}
