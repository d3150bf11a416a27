package io.jobwerk.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> ran = new ArrayList<>();

    @Test
    void timeStandsStillUntilAdvanced() {
        long nanos = scheduler.nanoTime();
        assertThat(scheduler.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        scheduler.advance(Duration.ofMillis(1500));
        assertThat(scheduler.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:01.500Z"));
        assertThat(scheduler.nanoTime() - nanos).isEqualTo(1_500_000_000L);
        assertThat(nanos).isNotZero(); // 0 may mean "not measured" to a caller
    }

    @Test
    void dueTasksRunInOrderOfDueTimeThenSubmission() {
        TaskQueue a = scheduler.queue("a");
        TaskQueue b = scheduler.queue("b");
        a.schedule(Duration.ofSeconds(2), () -> ran.add("a2"));
        b.schedule(Duration.ofSeconds(1), () -> ran.add("b1"));
        a.schedule(Duration.ofSeconds(1), () -> ran.add("a1"));
        b.execute(() -> ran.add("b0"));
        scheduler.advance(Duration.ofMillis(999));
        assertThat(ran).containsExactly("b0");
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("b0", "b1", "a1", "a2");
    }

    @Test
    void aTaskRunsAtItsOwnTime() {
        TaskQueue queue = scheduler.queue("q");
        List<Instant> times = new ArrayList<>();
        queue.schedule(Duration.ofSeconds(3), () -> times.add(scheduler.now()));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(times).containsExactly(Instant.parse("2026-01-01T00:00:03Z"));
        assertThat(scheduler.now()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
    }

    @Test
    void periodicTaskRunsAfterEachDelayUntilCancelled() {
        TaskQueue queue = scheduler.queue("q");
        Cancellable c = queue.scheduleWithFixedDelay(Duration.ofSeconds(1), Duration.ofSeconds(2), () -> ran.add("tick@" + scheduler.elapsed().toSeconds()));
        scheduler.advance(Duration.ofSeconds(6));
        assertThat(ran).containsExactly("tick@1", "tick@3", "tick@5");
        c.cancel();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(ran).hasSize(3);
    }

    @Test
    void aTaskMayScheduleAnotherThatRunsWithinTheSameAdvance() {
        TaskQueue queue = scheduler.queue("q");
        queue.schedule(Duration.ofSeconds(1), () -> {
            ran.add("first");
            queue.schedule(Duration.ofSeconds(1), () -> ran.add("second@" + scheduler.elapsed().toSeconds()));
        });
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("first", "second@2");
    }

    @Test
    void closedQueueDropsItsTasksAndReturnsTheOneOffs() {
        TaskQueue queue = scheduler.queue("q");
        Runnable once = () -> ran.add("once");
        queue.schedule(Duration.ofSeconds(1), once);
        queue.scheduleWithFixedDelay(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> ran.add("tick"));
        assertThat(queue.closeNow()).containsExactly(once);
        queue.execute(() -> ran.add("late"));
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(ran).isEmpty();
    }

    @Test
    void poolTasksRunWhenTheTestLetsThem() throws Exception {
        ExecutorService pool = scheduler.pool("p", 4);
        var future = pool.submit(() -> "done");
        assertThat(future).isNotDone();
        scheduler.runUntilIdle();
        assertThat(future.get()).isEqualTo("done");
        pool.shutdown();
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void aThreadSleepsUntilTheTestAdvancesPastItsEnd() throws Exception {
        List<Long> woke = new CopyOnWriteArrayList<>();
        Thread thread = scheduler.newThread("sleeper", () -> {
            try {
                for (long ms : new long[] {200, 500}) {
                    scheduler.sleep(Duration.ofMillis(ms));
                    woke.add(scheduler.elapsed().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        assertThat(scheduler.awaitSleep("sleeper")).isEqualTo(Duration.ofMillis(200));
        scheduler.advance(Duration.ofMillis(199));
        assertThat(woke).isEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(scheduler.awaitSleep("sleeper")).isEqualTo(Duration.ofMillis(500));
        assertThat(woke).containsExactly(200L);
        scheduler.advance(Duration.ofMillis(500));
        thread.join();
        assertThat(woke).containsExactly(200L, 700L);
    }

    @Test
    void backoffKeepsItsLastDelay() {
        Backoff backoff = Backoff.ofMillis(200, 500, 1000);
        assertThat(List.of(backoff.delay(0), backoff.delay(1), backoff.delay(2), backoff.delay(7)))
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
