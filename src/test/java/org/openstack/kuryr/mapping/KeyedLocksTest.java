package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {
  private final KeyedLocks locks = new KeyedLocks();

  @Test
  void sameKeyNeverRunsConcurrently() throws Exception {
    var inside = new AtomicInteger();
    var maxInside = new AtomicInteger();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        executor.submit(
            () ->
                locks.run(
                    "pool",
                    () -> {
                      maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                      Thread.onSpinWait();
                      inside.decrementAndGet();
                    }));
      }
    }
    assertThat(maxInside.get()).isEqualTo(1);
  }

  @Test
  void differentKeysRunConcurrently() throws Exception {
    var bothInside = new CountDownLatch(2);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String key : new String[] {"a", "b"}) {
        executor.submit(
            () ->
                locks.run(
                    key,
                    () -> {
                      bothInside.countDown();
                      awaitQuietly(bothInside);
                    }));
      }
    }
    assertThat(bothInside.getCount()).isZero();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
