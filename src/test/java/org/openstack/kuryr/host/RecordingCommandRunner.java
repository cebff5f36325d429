package org.openstack.kuryr.host;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A command runner for unit tests: records every command and answers from a script. Commands no
 * rule matches succeed with empty output. Rules added later take precedence, and a rule can be
 * limited to a number of uses.
 *
 * <p>Thread-safe.
 */
public final class RecordingCommandRunner implements CommandRunner {
  private final List<Execution> executions = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();

  /** One command that was run, and whether the script let it succeed. */
  public record Execution(Command command, boolean succeeded) {
    /** The command line, with the standard input appended after " <<< " if there was any. */
    public String line() {
      String stdin = command.stdin();
      return command.commandLine() + (stdin == null ? "" : " <<< " + stdin.strip());
    }
  }

  /** Scripts the answer to commands whose command line starts with {@code prefix}. */
  public Stub whenCommandStartsWith(String prefix) {
    return when(command -> command.commandLine().startsWith(prefix));
  }

  /** Scripts the answer to commands that {@code matcher} accepts. */
  public Stub when(Predicate<Command> matcher) {
    return new Stub(matcher);
  }

  @Override
  public synchronized CommandResult run(Command command) {
    Rule rule = ruleFor(command);
    try {
      CommandResult result = rule == null ? new CommandResult("", "") : rule.answer.apply(command);
      executions.add(new Execution(command, true));
      return result;
    } catch (CommandFailedException e) {
      executions.add(new Execution(command, false));
      throw e;
    }
  }

  /** Every command run so far, in order. */
  public synchronized List<Execution> executions() {
    return List.copyOf(executions);
  }

  /** The command lines run so far, with standard input appended (see {@link Execution#line}). */
  public synchronized List<String> lines() {
    return executions.stream().map(Execution::line).toList();
  }

  /** Forgets the commands run so far; the script stays. */
  public synchronized void clear() {
    executions.clear();
  }

  private Rule ruleFor(Command command) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule rule = rules.get(i);
      if (rule.usesLeft != 0 && rule.matcher.test(command)) {
        rule.usesLeft--;
        return rule;
      }
    }
    return null;
  }

  private synchronized void add(Rule rule) {
    rules.add(rule);
  }

  /** How a scripted command answers. */
  @FunctionalInterface
  private interface Answer {
    CommandResult apply(Command command);
  }

  private static final class Rule {
    final Predicate<Command> matcher;
    final Answer answer;
    int usesLeft;

    Rule(Predicate<Command> matcher, Answer answer, int uses) {
      this.matcher = matcher;
      this.answer = answer;
      this.usesLeft = uses;
    }
  }

  /** The answer part of a scripted rule. */
  public final class Stub {
    private final Predicate<Command> matcher;
    private int uses = -1;

    private Stub(Predicate<Command> matcher) {
      this.matcher = matcher;
    }

    /** Applies the rule to the next {@code count} matching commands only. */
    public Stub times(int count) {
      uses = count;
      return this;
    }

    /** Matching commands succeed and print {@code stdout}. */
    public void thenPrint(String stdout) {
      add(new Rule(matcher, command -> new CommandResult(stdout, ""), uses));
    }

    /** Matching commands exit with {@code exitCode} after printing {@code stderr}. */
    public void thenFail(int exitCode, String stderr) {
      add(
          new Rule(
              matcher,
              command -> {
                throw CommandFailedException.exited(command.argv(), exitCode, stderr);
              },
              uses));
    }

    /** Matching commands run past their timeout. */
    public void thenTimeOut() {
      add(
          new Rule(
              matcher,
              command -> {
                throw CommandFailedException.timedOut(command.argv(), command.timeout(), "");
              },
              uses));
    }
  }
}
