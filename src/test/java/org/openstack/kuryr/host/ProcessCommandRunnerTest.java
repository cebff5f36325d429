package org.openstack.kuryr.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ProcessCommandRunner runner = new ProcessCommandRunner();

  @Test
  void runReturnsStandardOutputOfSuccessfulCommand() {
    CommandResult result = runner.run(Command.of(TIMEOUT, "echo", "hello", "world"));

    assertThat(result.stdout()).isEqualTo("hello world\n");
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void runPassesArgumentsWithoutShellInterpretation() {
    CommandResult result = runner.run(Command.of(TIMEOUT, "echo", "$HOME; `id` * \"q\""));

    assertThat(result.stdout()).isEqualTo("$HOME; `id` * \"q\"\n");
  }

  @Test
  void runFeedsStandardInput() {
    CommandResult result = runner.run(Command.of(TIMEOUT, "cat").withStdin("line 1\nline 2\n"));

    assertThat(result.stdout()).isEqualTo("line 1\nline 2\n");
  }

  @Test
  void runFailsWithExitCodeAndStandardErrorInMessage() {
    Command command = Command.of(TIMEOUT, "sh", "-c", "echo 'it broke' >&2; exit 3");

    CommandFailedException failure =
        catchThrowableOfType(CommandFailedException.class, () -> runner.run(command));

    assertThat(failure.exitCode()).isEqualTo(3);
    assertThat(failure.stderr()).isEqualTo("it broke\n");
    assertThat(failure.timedOut()).isFalse();
    assertThat(failure.argv()).containsExactly("sh", "-c", "echo 'it broke' >&2; exit 3");
    assertThat(failure).hasMessage("failed to run sh -c echo 'it broke' >&2; exit 3: it broke");
  }

  @Test
  void runNamesExitStatusWhenStandardErrorIsEmpty() {
    CommandFailedException failure =
        catchThrowableOfType(
            CommandFailedException.class, () -> runner.run(Command.of(TIMEOUT, "false")));

    assertThat(failure).hasMessage("failed to run false: exit status 1");
  }

  @Test
  void runKillsCommandThatOutlivesItsTimeout() {
    long start = System.nanoTime();

    CommandFailedException failure =
        catchThrowableOfType(
            CommandFailedException.class,
            () -> runner.run(Command.of(Duration.ofMillis(200), "sleep", "30")));

    assertThat(failure.timedOut()).isTrue();
    assertThat(failure.exitCode()).isEqualTo(CommandFailedException.NO_EXIT_CODE);
    assertThat(failure).hasMessage("failed to run sleep 30: timed out after 200 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void runDoesNotBlockWhenCommandIgnoresLargeStandardInput() {
    String input = "x".repeat(4 * 1024 * 1024);
    long start = System.nanoTime();

    CommandFailedException failure =
        catchThrowableOfType(
            CommandFailedException.class,
            () -> runner.run(Command.of(Duration.ofMillis(300), "sleep", "30").withStdin(input)));

    assertThat(failure.timedOut()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void runCollectsOutputLargerThanPipeBuffers() {
    Command command =
        Command.of(TIMEOUT, "sh", "-c", "head -c 1000000 /dev/zero; head -c 500000 /dev/zero >&2");

    CommandResult result = runner.run(command);

    assertThat(result.stdout()).hasSize(1_000_000);
    assertThat(result.stderr()).hasSize(500_000);
  }

  @Test
  void runFailsWhenProgramDoesNotExist() {
    CommandFailedException failure =
        catchThrowableOfType(
            CommandFailedException.class,
            () -> runner.run(Command.of(TIMEOUT, "kuryr-no-such-program", "arg")));

    assertThat(failure.exitCode()).isEqualTo(CommandFailedException.NO_EXIT_CODE);
    assertThat(failure.getMessage()).startsWith("failed to run kuryr-no-such-program arg: ");
    assertThat(failure).hasCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void runUsesCLocaleSoMessagesCanBeRecognised() {
    CommandResult result = runner.run(Command.of(TIMEOUT, "sh", "-c", "echo $LC_ALL"));

    assertThat(result.stdout()).isEqualTo("C\n");
  }

  @Test
  void runKillsCommandAndKeepsInterruptFlagWhenInterrupted() {
    Thread.currentThread().interrupt();

    CommandFailedException failure =
        catchThrowableOfType(
            CommandFailedException.class, () -> runner.run(Command.of(TIMEOUT, "sleep", "30")));

    assertThat(Thread.interrupted()).isTrue();
    assertThat(failure).hasMessage("failed to run sleep 30: interrupted");
  }
}
