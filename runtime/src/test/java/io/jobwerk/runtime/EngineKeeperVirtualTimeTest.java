package io.jobwerk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.MemoryJournal;
import io.jobwerk.scheduler.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keeper's persist and dispatch on a {@link MemoryJournal} in virtual time: no files, and time
 * moves only when the test says so. A round runs on the keeper's thread for every request; an empty
 * {@code emit} asks for one, so the test decides when due wake times are looked at.
 */
class EngineKeeperVirtualTimeTest {

    private static final OrderId ORDER = new OrderId("ORDER");

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final io.jobwerk.testing.FailingOnceCodec<EngineState> codec = new io.jobwerk.testing.FailingOnceCodec<>(new EngineJournalCodec(), io.jobwerk.engine.order.OrderEvent.OrderStarted.class);
    private final MemoryJournal<EngineState> journal = new MemoryJournal<>(EngineFolder.controller(), codec, scheduler.clock());
    private EngineKeeper keeper;

    @BeforeEach
    void startWithAWorkflow() throws Exception {
        keeper = new EngineKeeper(journal, Placement.CONTROLLER, MotorEnvironment.DEFAULT, scheduler, Optional.empty()).start();
        var operations = ItemOperationJson.decodeNdjson("{\"TYPE\":\"AddVersion\",\"versionId\":\"1\"}\n"
                + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":[]}}\n").orThrow();
        keeper.transact(state -> ItemOperationExecutor.execute(state, operations, ItemJson::decodeSignedWorkflow)
                .map(events -> Decision.of(events, Boolean.TRUE))).get(30, TimeUnit.SECONDS).orThrow();
        round(); // a request completes before listeners hear of its round: this one is done with listeners too
    }

    @AfterEach
    void close() {
        keeper.close();
        journal.close();
    }

    private static Command addOrder(String json) {
        return CommandJson.decode(EngineJson.parse("{\"TYPE\":\"AddOrder\",\"order\":" + json + "}").orThrow()).orThrow();
    }

    private List<String> orderEventTypes(long after) {
        List<String> types = new ArrayList<>();
        for (Stamped<? extends Event> st : journal.read(after, 1000).orThrow()) {
            if (st.keyedEvent().key().equals(Optional.of(ORDER.string()))) {
                types.add(st.keyedEvent().event().typeName());
            }
        }
        return types;
    }

    /** Asks the keeper for a round and waits until it is done. */
    private void round() throws Exception {
        keeper.emit(List.of()).get(30, TimeUnit.SECONDS).orThrow();
    }

    @Test
    void anOrderRunsThroughItsWorkflowInTheRoundThatAddsIt() throws Exception {
        long before = journal.lastEventId();
        keeper.execute(addOrder("{\"id\":\"ORDER\",\"workflowPath\":\"W\"}")).get(30, TimeUnit.SECONDS).orThrow();
        assertThat(orderEventTypes(before)).containsExactly("OrderAdded", "OrderStarted", "OrderFinished");
        assertThat(keeper.state().orders().get(ORDER).isState(OrderState.Kind.FINISHED)).isTrue();
    }

    @Test
    void aScheduledOrderStartsOnlyInTheFirstRoundAtItsVirtualTime() throws Exception {
        long scheduledFor = scheduler.clock().millis() + Duration.ofHours(1).toMillis();
        long before = journal.lastEventId();
        keeper.execute(addOrder("{\"id\":\"ORDER\",\"workflowPath\":\"W\",\"scheduledFor\":" + scheduledFor + "}"))
                .get(30, TimeUnit.SECONDS).orThrow();
        scheduler.advance(Duration.ofMinutes(59));
        round();
        assertThat(orderEventTypes(before)).containsExactly("OrderAdded");

        scheduler.advance(Duration.ofMinutes(1));
        round();
        assertThat(orderEventTypes(before)).containsExactly("OrderAdded", "OrderStarted", "OrderFinished");
    }

    @Test
    void listenersSeeEachCommittedRoundOnceWithTheJournalsState() throws Exception {
        List<List<Stamped<? extends Event>>> seen = new CopyOnWriteArrayList<>();
        List<EngineState> states = new CopyOnWriteArrayList<>();
        keeper.addListener((events, state) -> {
            seen.add(events);
            states.add(state);
        });
        long before = journal.lastEventId();
        keeper.execute(addOrder("{\"id\":\"ORDER\",\"workflowPath\":\"W\"}")).get(30, TimeUnit.SECONDS).orThrow();
        round();
        assertThat(seen).as("the empty round commits nothing").hasSize(1);
        assertThat(seen.get(0)).isEqualTo(journal.read(before, 1000).orThrow());
        assertThat(states.get(0)).isSameAs(journal.currentState());
    }

    @Test
    void aDecisionsProblemIsTheResultAndNothingIsPersisted() throws Exception {
        long before = journal.lastEventId();
        Checked<Object> result = keeper.transact(state -> Checked.<Decision<Object>>fail(Problem.of("Refused", "no")))
                .get(30, TimeUnit.SECONDS);
        assertThat(result.problemOption().orElseThrow().code()).isEqualTo("Refused");
        assertThat(journal.lastEventId()).isEqualTo(before);
    }

    @Test
    void aPersistTheJournalRefusesFailsTheRoundsRequestsAsAJournalError() throws Exception {
        journal.close();
        Checked<?> result = keeper.execute(addOrder("{\"id\":\"ORDER\",\"workflowPath\":\"W\"}")).get(30, TimeUnit.SECONDS);
        assertThat(result.problemOption().orElseThrow().code()).isEqualTo("JournalError");
        assertThat(EngineKeeper.isPersistFailure(result.problemOption().orElseThrow())).isTrue();
        assertThat(keeper.state().orders()).doesNotContainKey(ORDER);
    }

    @Test
    void aWakeTimeDueInAFailedRoundWakesTheOrderOnlyASecondLater() throws Exception {
        long scheduledFor = scheduler.clock().millis() + Duration.ofHours(1).toMillis();
        long before = journal.lastEventId();
        keeper.execute(addOrder("{\"id\":\"ORDER\",\"workflowPath\":\"W\",\"scheduledFor\":" + scheduledFor + "}"))
                .get(30, TimeUnit.SECONDS).orThrow();
        codec.arm();
        scheduler.advance(Duration.ofHours(1));
        keeper.emit(List.of()).get(30, TimeUnit.SECONDS); // this round or the keeper's own one before it fails
        assertThat(codec.isArmed()).as("the round at the wake time failed to write OrderStarted").isFalse();
        round();
        assertThat(orderEventTypes(before)).as("not woken again before a second has passed").containsExactly("OrderAdded");

        scheduler.advance(Duration.ofSeconds(1));
        round();
        assertThat(orderEventTypes(before)).containsExactly("OrderAdded", "OrderStarted", "OrderFinished");
    }
}
