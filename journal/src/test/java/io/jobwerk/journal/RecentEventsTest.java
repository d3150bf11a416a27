package io.jobwerk.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RecentEventsTest {

    private static List<Stamped<? extends Event>> events(long from, long to) {
        return LongStream.rangeClosed(from, to)
                .<Stamped<? extends Event>>mapToObj(id -> new Stamped<>(id, Optional.empty(),
                        KeyedEvent.of("A", new TestEvent.Incremented(1, "t" + id, 0, 1))))
                .toList();
    }

    private static List<byte[]> bytes(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> new byte[] {(byte) id}).toList();
    }

    @Test
    void keepsTheNewestEventsUpToItsCapacity() {
        RecentEvents recent = new RecentEvents(3, 0);
        recent.add(events(1, 5), bytes(1, 5));
        assertThat(recent.read(2, 5, 10)).contains(events(3, 5));
        assertThat(recent.read(1, 5, 10)).as("event 2 is no longer kept").isEmpty();
        assertThat(recent.bytes(5, 5)).hasValueSatisfying(b -> assertThat(b).containsExactly(5));
        assertThat(recent.bytes(1, 5)).isEmpty();
    }

    @Test
    void readsNothingBeyondTheLastEventAndNoMoreThanTheLimit() {
        RecentEvents recent = new RecentEvents(10, 0);
        recent.add(events(1, 5), bytes(1, 5));
        assertThat(recent.read(0, 3, 10)).contains(events(1, 3));
        assertThat(recent.read(0, 5, 2)).contains(events(1, 2));
        assertThat(recent.bytes(4, 3)).as("not yet published").isEmpty();
    }

    @Test
    void holdsNothingBeforeTheRecoveredLastEvent() {
        RecentEvents recent = new RecentEvents(10, 100);
        assertThat(recent.read(99, 100, 10)).isEmpty();
        assertThat(recent.read(100, 100, 10)).contains(List.of());
    }

    @Test
    void aCapacityOfZeroKeepsNothing() {
        RecentEvents recent = new RecentEvents(0, 0);
        recent.add(events(1, 2), bytes(1, 2));
        assertThat(recent.read(0, 2, 10)).isEmpty();
        assertThat(recent.read(2, 2, 10)).contains(List.of());
    }
}
