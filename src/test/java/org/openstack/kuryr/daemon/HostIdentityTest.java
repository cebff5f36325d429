package org.openstack.kuryr.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.host.RecordingCommandRunner;

class HostIdentityTest {
  private final RecordingCommandRunner runner = new RecordingCommandRunner();

  @Test
  void configuredHostWinsAndOpenVswitchIsNotAsked() {
    assertThat(HostIdentity.resolve("  compute-7 ", runner)).isEqualTo("compute-7");
    assertThat(runner.lines()).isEmpty();
  }

  @Test
  void withoutConfiguredHostTheNameIsOpenVswitchsHostnameUnquoted() {
    runner.whenCommandStartsWith("ovs-vsctl").thenPrint("\"kuryr-host2\"\n");

    assertThat(HostIdentity.resolve("", runner)).isEqualTo("kuryr-host2");
    // The default database: OVS_RUNDIR in the daemon's environment chooses which one.
    assertThat(runner.lines())
        .singleElement()
        .asString()
        .contains("get Open_vSwitch . external_ids:hostname")
        .doesNotContain("--db");
  }

  @Test
  void withoutOpenVswitchTheNameIsTheKernelsHostName() throws IOException {
    runner.whenCommandStartsWith("ovs-vsctl").thenFail(1, "database connection failed");

    String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    assertThat(HostIdentity.resolve("", runner)).isEqualTo(kernel);
  }

  @Test
  void emptyOpenVswitchHostnameFallsBackToTheKernelsHostName() throws IOException {
    runner.whenCommandStartsWith("ovs-vsctl").thenPrint("\n");

    String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    assertThat(HostIdentity.resolve("", runner)).isEqualTo(kernel);
  }
}
