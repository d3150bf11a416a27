package io.jobwerk.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RealSchedulerTest {

    private final RealScheduler scheduler = RealScheduler.instance();

    @Test
    void threadsAreDaemonsWithTheirName() throws Exception {
        CompletableFuture<String> name = new CompletableFuture<>();
        Thread thread = scheduler.newThread("jobwerk-test", () -> name.complete(Thread.currentThread().getName()));
        assertThat(thread.isDaemon()).isTrue();
        thread.start();
        assertThat(name.get(10, TimeUnit.SECONDS)).isEqualTo("jobwerk-test");
    }

    @Test
    void queueRunsScheduledTasksOnItsNamedThread() throws Exception {
        try (TaskQueue queue = scheduler.queue("jobwerk-test-queue")) {
            CompletableFuture<String> name = new CompletableFuture<>();
            queue.schedule(Duration.ofMillis(1), () -> name.complete(Thread.currentThread().getName()));
            assertThat(name.get(10, TimeUnit.SECONDS)).isEqualTo("jobwerk-test-queue");
        }
    }

    @Test
    void cancelledTaskDoesNotRun() throws Exception {
        try (TaskQueue queue = scheduler.queue("q")) {
            CountDownLatch ran = new CountDownLatch(1);
            queue.schedule(Duration.ofHours(1), ran::countDown).cancel();
            assertThat(queue.closeNow()).isEmpty();
        }
    }

    @Test
    void closedQueueTakesNoMoreTasks() {
        TaskQueue queue = scheduler.queue("q");
        Runnable later = () -> {};
        queue.schedule(Duration.ofHours(1), later);
        assertThat(queue.closeNow()).hasSize(1);
        assertThat(queue.schedule(Duration.ZERO, () -> {})).isSameAs(Cancellable.CANCELLED);
        queue.execute(() -> {}); // dropped, no exception
    }

    @Test
    void poolsRunTasks() throws Exception {
        ExecutorService pool = scheduler.pool("p", 2);
        ExecutorService elastic = scheduler.elasticPool("e");
        assertThat(pool.submit(() -> 1).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(elastic.submit(() -> 2).get(10, TimeUnit.SECONDS)).isEqualTo(2);
        pool.shutdown();
        elastic.shutdown();
    }
}
