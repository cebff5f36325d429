package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackTest {
  private final List<String> undone = new ArrayList<>();

  @Test
  void uncommittedStepsAreUndoneInReverseOrder() {
    try (var rollback = new Rollback("test")) {
      rollback.push("a", () -> undone.add("a"));
      rollback.push("b", () -> undone.add("b"));
    }
    assertThat(undone).containsExactly("b", "a");
  }

  @Test
  void committedStepsAreKept() {
    try (var rollback = new Rollback("test")) {
      rollback.push("a", () -> undone.add("a"));
      rollback.commit();
    }
    assertThat(undone).isEmpty();
  }

  @Test
  void failedUndoIsSuppressedIntoTheFailureAndOthersStillRun() {
    var failure = new IllegalStateException("step 3 failed");
    try (var rollback = new Rollback("test")) {
      rollback.push("a", () -> undone.add("a"));
      rollback.push(
          "b",
          () -> {
            throw new IllegalArgumentException("undo b failed");
          });
      rollback.fail(failure);
    }
    assertThat(undone).containsExactly("a");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0]).hasMessage("undo b failed");
  }
}
