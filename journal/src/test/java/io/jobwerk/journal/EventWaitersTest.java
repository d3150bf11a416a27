package io.jobwerk.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventWaitersTest {
    private final AtomicLong last = new AtomicLong(10);
    private final EventWaiters waiters = new EventWaiters(last::get);

    @Test
    void aWaiterForEventsAlreadyThereCompletesAtOnce() {
        assertThat(waiters.whenEventsAfter(9)).isDone();
    }

    @Test
    void aWaiterIsWokenOnlyByALaterEvent() {
        CompletableFuture<Void> after10 = waiters.whenEventsAfter(10);
        CompletableFuture<Void> after11 = waiters.whenEventsAfter(11);
        last.set(11);
        waiters.wake(11);
        assertThat(after10).isDone();
        assertThat(after11).isNotDone();
    }

    @Test
    void closingWakesEveryWaiterNowAndLater() {
        CompletableFuture<Void> waiting = waiters.whenEventsAfter(10);
        waiters.close();
        assertThat(waiting).isDone();
        assertThat(waiters.whenEventsAfter(100)).isDone();
    }

    @Test
    void awaitReturnsAfterTheTimeoutWithoutAnEvent() {
        assertThat(waiters.await(10, Duration.ofMillis(1))).isTrue();
    }
}
