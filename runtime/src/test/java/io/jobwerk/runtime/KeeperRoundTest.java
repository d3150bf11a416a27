package io.jobwerk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.CommandExecutor;
import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The keeper's round without threads, journal or clock: requests, state and time in; events,
 * processes to start and kill, and wake times out. A commit is simulated by numbering the events.
 */
class KeeperRoundTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final OrderId O = new OrderId("O");
    private static final SubagentId A1 = new SubagentId("A-1");

    private Optional<SubagentId> available = Optional.of(A1);
    private final KeeperRound round = new KeeperRound(EngineFolder.controller(), Placement.STANDALONE, MotorEnvironment.DEFAULT,
            Optional.of((state, order) -> available));
    private EngineState committed = deployed();
    private long eventId;

    private static EngineState deployed() {
        var operations = ItemOperationJson.decodeNdjson("""
                {"TYPE":"AddVersion","versionId":"1"}
                {"TYPE":"AddOrChangeSimple","item":{"TYPE":"AgentRef","path":"A","directors":["A-1"]}}
                {"TYPE":"AddOrChangeSimple","item":{"TYPE":"SubagentItem","id":"A-1","agentPath":"A","uri":"http://127.0.0.1:1"}}
                {"TYPE":"AddOrChangeSimple","item":{"TYPE":"Workflow","path":"W","versionId":"1","instructions":[{"TYPE":"Execute.Anonymous","job":{"agentPath":"A","executable":{"TYPE":"ShellScriptExecutable","script":"true"}}}]}}
                """).orThrow();
        var events = ItemOperationExecutor.execute(EngineState.EMPTY, operations, ItemJson::decodeSignedWorkflow).orThrow();
        return EngineState.EMPTY.applyEvents(events).orThrow();
    }

    private static KeeperRound.Request command(String json) {
        var command = CommandJson.decode(EngineJson.parse(json).orThrow()).orThrow();
        return new KeeperRound.Request(state -> CommandExecutor.execute(state, command, T0)
                .map(r -> (Decision<?>) Decision.of(r.events(), r.response())), false);
    }

    private static KeeperRound.Request addOrder(String extra) {
        return command("{\"TYPE\":\"AddOrder\",\"order\":{\"id\":\"O\",\"workflowPath\":\"W\"" + extra + "}}");
    }

    private static KeeperRound.Request events(String... lines) {
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        for (String line : lines) {
            events.add(EventJson.decodeStamped(EngineJson.parse("{\"eventId\":1," + line.substring(1)).orThrow()).orThrow().keyedEvent());
        }
        return new KeeperRound.Request(state -> Checked.ok(Decision.of(events, Boolean.TRUE)), false);
    }

    private static List<String> types(KeeperRound.Plan plan) {
        return plan.events().stream().map(e -> e.key().orElse("") + " " + EventJson.encode(e.event()).get("TYPE").asText()).toList();
    }

    /** Commits the plan as the journal would, numbering its events. */
    private KeeperRound.Dispatch commit(KeeperRound.Plan plan) {
        List<Stamped<? extends Event>> stamped = new ArrayList<>();
        for (KeyedEvent<? extends Event> e : plan.events()) {
            stamped.add(new Stamped<>(++eventId, Optional.empty(), e));
        }
        committed = plan.state();
        return round.committed(plan, stamped, committed);
    }

    private KeeperRound.Plan decide(Instant now, KeeperRound.Request... requests) {
        return round.decide(committed, List.of(requests), now);
    }

    @Test
    void anOrderAddedIsStartedAndItsProcessDispatchedOnceCommitted() {
        KeeperRound.Plan plan = decide(T0, addOrder(""));

        assertThat(types(plan)).containsExactly("O OrderAdded", "O OrderStarted", "O OrderProcessingStarted");
        assertThat(plan.results()).singleElement().matches(Checked::isOk);
        KeeperRound.Dispatch dispatch = commit(plan);
        assertThat(dispatch.starts()).singleElement().satisfies(start -> {
            assertThat(start.order().id()).isEqualTo(O);
            assertThat(start.subagentId()).isEqualTo(A1);
        });
        assertThat(dispatch.kills()).isEmpty();
        assertThat(round.nextWake()).isEmpty();
    }

    @Test
    void aRequestFailingIsAnsweredWithItsProblemAndTheOthersAreDecided() {
        KeeperRound.Request failing = new KeeperRound.Request(state -> Checked.fail(Problem.of("Nope", "no")), false);
        KeeperRound.Request throwing = new KeeperRound.Request(state -> { throw new IllegalStateException("bug"); }, false);

        KeeperRound.Plan plan = decide(T0, failing, addOrder(""), throwing);

        assertThat(plan.results().get(0).problemOption().map(Problem::code)).contains("Nope");
        assertThat(plan.results().get(1).isOk()).isTrue();
        assertThat(plan.results().get(2).problemOption().map(Problem::code)).contains("InternalError");
        assertThat(types(plan)).first().isEqualTo("O OrderAdded");
    }

    @Test
    void eventsNotFittingTheStateAreRefusedWithoutTouchingTheRound() {
        KeeperRound.Plan plan = decide(T0, events("{\"Key\":\"UNKNOWN\",\"TYPE\":\"OrderStarted\"}"));

        assertThat(plan.results()).singleElement().matches(Checked::isFail);
        assertThat(plan.events()).isEmpty();
    }

    @Test
    void aScheduledOrderWakesTheRoundAtItsTime() {
        Instant later = T0.plus(Duration.ofMinutes(5));
        commit(decide(T0, addOrder(",\"scheduledFor\":" + later.toEpochMilli())));

        assertThat(round.nextWake()).contains(later);
        assertThat(decide(T0.plusSeconds(299)).events()).as("not yet due").isEmpty();

        KeeperRound.Plan due = decide(later);
        assertThat(types(due)).containsExactly("O OrderStarted", "O OrderProcessingStarted");
        commit(due);
        assertThat(round.nextWake()).isEmpty();
    }

    @Test
    void anOrderWaitingForASubagentStartsInALaterRoundWithoutARequest() {
        available = Optional.empty();
        KeeperRound.Dispatch first = commit(decide(T0, addOrder("")));
        assertThat(first.starts()).isEmpty();
        assertThat(committed.orders().get(O).isState(OrderState.Kind.READY)).isTrue();

        available = Optional.of(A1);
        KeeperRound.Plan plan = decide(T0.plusSeconds(1));

        assertThat(types(plan)).containsExactly("O OrderProcessingStarted");
        assertThat(commit(plan).starts()).hasSize(1);
    }

    @Test
    void aCancellationMarkedWhileProcessingKillsTheProcess() {
        commit(decide(T0, addOrder("")));

        KeeperRound.Plan plan = decide(T0, command("{\"TYPE\":\"CancelOrders\",\"orderIds\":[\"O\"],\"mode\":{\"TYPE\":\"FreshOrStarted\",\"kill\":{\"immediately\":true}}}"));

        assertThat(types(plan)).containsExactly("O OrderCancellationMarked");
        KeeperRound.Dispatch dispatch = commit(plan);
        assertThat(dispatch.kills()).singleElement().satisfies(kill -> {
            assertThat(kill.order().id()).isEqualTo(O);
            assertThat(kill.immediately()).isTrue();
        });
    }

    @Test
    void aFailedPersistWakesDueOrdersOnlyAfterTheRetryDelay() {
        Instant later = T0.plus(Duration.ofMinutes(5));
        commit(decide(T0, addOrder(",\"scheduledFor\":" + later.toEpochMilli())));
        KeeperRound.Plan due = decide(later);
        assertThat(due.events()).isNotEmpty();

        round.persistFailed(committed, later);

        assertThat(round.nextWake()).contains(later.plus(KeeperRound.WAKE_RETRY_DELAY));
        assertThat(decide(later.plusMillis(999)).events()).as("no busy retry").isEmpty();
        assertThat(types(decide(later.plus(KeeperRound.WAKE_RETRY_DELAY)))).containsExactly("O OrderStarted", "O OrderProcessingStarted");
    }

    @Test
    void aRequestTouchingAllMovesTheRecoveredOrders() {
        available = Optional.empty();
        KeeperRound other = new KeeperRound(EngineFolder.controller(), Placement.STANDALONE, MotorEnvironment.DEFAULT,
                Optional.of((state, order) -> Optional.of(A1)));
        commit(decide(T0, addOrder("")));
        Function<EngineState, Checked<Decision<?>>> nothing = state -> Checked.ok(Decision.of(List.of(), Boolean.TRUE));

        assertThat(other.decide(committed, List.of(new KeeperRound.Request(nothing, false)), T0).events())
                .as("a fresh keeper knows nothing of the recovered order").isEmpty();
        assertThat(other.decide(committed, List.of(new KeeperRound.Request(nothing, true)), T0).events()).hasSize(1);
    }
}
