package org.openstack.kuryr.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @Test
  void commandRejectsEmptyArgumentList() {
    assertThatThrownBy(() -> Command.of(TIMEOUT, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commandRejectsZeroTimeout() {
    assertThatThrownBy(() -> Command.of(Duration.ZERO, "true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  @Test
  void commandRejectsNullArgument() {
    assertThatThrownBy(() -> Command.of(TIMEOUT, "ip", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void withStdinKeepsArgumentsAndTimeout() {
    Command command = Command.of(TIMEOUT, "ip", "-batch", "-").withStdin("link show\n");

    assertThat(command.argv()).containsExactly("ip", "-batch", "-");
    assertThat(command.timeout()).isEqualTo(TIMEOUT);
    assertThat(command.stdin()).isEqualTo("link show\n");
    assertThat(command.commandLine()).isEqualTo("ip -batch -");
  }
}
