package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackTest {
  private final List<String> undone = new ArrayList<>();
  private final Rollback rollback = new Rollback();

  @Test
  void undoAfterRunsStepsNewestFirstAndReturnsTheFailure() {
    rollback.push("first", () -> undone.add("first"));
    rollback.push("second", () -> undone.add("second"));
    IllegalStateException failure = new IllegalStateException("step three failed");

    assertThat(rollback.undoAfter(failure)).isSameAs(failure);
    assertThat(undone).containsExactly("second", "first");
  }

  @Test
  void undoAfterContinuesPastFailingStepAndAddsItAsSuppressed() {
    IllegalStateException undoFailure = new IllegalStateException("busy");
    rollback.push("first", () -> undone.add("first"));
    rollback.push(
        "second",
        () -> {
          throw undoFailure;
        });
    IllegalStateException failure = new IllegalStateException("step three failed");

    rollback.undoAfter(failure);

    assertThat(undone).containsExactly("first");
    assertThat(failure.getSuppressed()).containsExactly(undoFailure);
  }

  @Test
  void undoAfterRunsEachStepOnlyOnce() {
    rollback.push("first", () -> undone.add("first"));
    rollback.undoAfter(new IllegalStateException());

    rollback.undoAfter(new IllegalStateException());

    assertThat(undone).containsExactly("first");
  }

  @Test
  void undoAfterCommitIsAProgrammingError() {
    rollback.push("first", () -> undone.add("first"));
    rollback.commit();

    assertThatThrownBy(() -> rollback.undoAfter(new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rollback after commit");
    assertThat(undone).isEmpty();
  }
}
