package io.jobwerk.cockpit.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateCoalescerTest {

    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final List<LiveUpdate> delivered = new ArrayList<>();
    private final UpdateCoalescer coalescer = new UpdateCoalescer(uiQueue::add, delivered::add);

    private static LiveUpdate update(long eventId, String orderId) {
        return new LiveUpdate(EngineState.EMPTY, eventId, false, Set.of(new OrderId(orderId)), false,
                List.of(OrderOutput.stdout(new OrderId(orderId), "line " + eventId + "\n", eventId)));
    }

    @Test
    void updatesArrivingWhileOneIsQueuedAreFoldedIntoIt() {
        for (int i = 1; i <= 1000; i++) {
            coalescer.publish(update(i, "order-" + (i % 10)));
        }
        assertThat(uiQueue).hasSize(1);
        uiQueue.poll().run();
        assertThat(delivered).hasSize(1);
        LiveUpdate folded = delivered.get(0);
        assertThat(folded.eventId()).isEqualTo(1000);
        assertThat(folded.changedOrders()).hasSize(10);
        assertThat(folded.output()).hasSize(1000);
        assertThat(folded.output().get(999).chunk()).isEqualTo("line 1000\n");
    }

    @Test
    void anUpdateAfterTheHandOverIsQueuedAnew() {
        coalescer.publish(update(1, "a"));
        uiQueue.poll().run();
        coalescer.publish(update(2, "b"));
        assertThat(uiQueue).hasSize(1);
        uiQueue.poll().run();
        assertThat(delivered).extracting(LiveUpdate::eventId).containsExactly(1L, 2L);
        assertThat(coalescer.handOvers()).isEqualTo(2);
    }

    @Test
    void aResetStaysAResetWhenLaterUpdatesAreFoldedIn() {
        coalescer.publish(new LiveUpdate(EngineState.EMPTY, 5, true, Set.of(), true, List.of()));
        coalescer.publish(update(6, "a"));
        uiQueue.poll().run();
        assertThat(delivered.get(0).reset()).isTrue();
        assertThat(delivered.get(0).itemsChanged()).isTrue();
    }
}
