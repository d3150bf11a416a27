package io.jobwerk.http.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.journal.MemoryJournal;
import io.jobwerk.journal.StateFolder;
import io.jobwerk.scheduler.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event stream's feed on a journal, here a {@link MemoryJournal}: no files, no real time. */
class JournalEventFeedTest {

    /** The number of events: all an event stream needs of a state. */
    private static final StateFolder<Long> COUNT = new StateFolder<>() {
        @Override
        public Long empty() {
            return 0L;
        }

        @Override
        public Checked<Long> apply(Long state, Stamped<? extends Event> stamped) {
            return Checked.ok(state + 1);
        }
    };

    private final MemoryJournal<Long> journal = new MemoryJournal<>(COUNT, new VirtualScheduler().clock());
    private final JournalEventFeed feed = new JournalEventFeed(journal);

    private long started(String orderId) {
        return journal.persist(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderStarted()))).join().get(0).eventId();
    }

    @Test
    void readsTheCommittedEventsAfterAnId() {
        long a = started("a");
        long b = started("b");
        assertThat(feed.lastEventId()).isEqualTo(b);
        assertThat(feed.read(a, 10).orThrow()).extracting(Stamped::eventId).containsExactly(b);
        assertThat(feed.read(b, 10).orThrow()).isEmpty();
    }

    @Test
    void awaitIsTrueOnlyWhenAnEventAfterTheIdExists() throws Exception {
        long a = started("a");
        assertThat(feed.await(0, Duration.ZERO)).isTrue();
        assertThat(feed.await(a, Duration.ofMillis(1))).isFalse();
        journal.close();
        assertThat(feed.await(a, Duration.ofMinutes(1))).as("a closed journal wakes its readers, with no new event").isFalse();
    }

    @Test
    void eventsReleasedAndCheckpointedAreTornForTheStream() {
        started("a");
        long b = started("b");
        journal.checkpoint().join();
        journal.release(b);
        assertThat(feed.read(0, 10).problemOption().orElseThrow().code()).isEqualTo("EventSeqTorn");
        assertThat(feed.read(b, 10).orThrow()).isEmpty();
    }
}
