package io.jobwerk.controller;

import static io.jobwerk.controller.States.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.runtime.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Controller's mirror of an Agent's event stream, decided from the state and the Agent's events alone. */
class AgentMirrorTest {

    private static final AgentPath A = new AgentPath("A");
    private static final OrderId O = new OrderId("O");
    private static final long AGENT_TIME = 1_767_225_600_000L; // the Agent's clock, 2026-01-01

    private static List<String> lines(Decision<?> decision) {
        return decision.events().stream().map(AgentMirrorTest::line).toList();
    }

    private static String line(KeyedEvent<? extends Event> e) {
        return e.key().map(k -> k + " ").orElse("") + EventJson.encode(e.event()).get("TYPE").asText();
    }

    private static Stamped<Event> agentEvent(long eventId, String line) {
        Stamped<Event> s = stamped(eventId, line);
        return new Stamped<>(s.eventId(), Optional.of(AGENT_TIME + eventId), s.keyedEvent());
    }

    static Stream<Arguments> translations() {
        EngineState attaching = with(deployed(), ADDED, ATTACHABLE);
        EngineState attached = with(attaching, ATTACHED);
        EngineState cancelMarked = with(attached, "{\"Key\":\"O\",\"TYPE\":\"OrderCancellationMarked\",\"mode\":{\"TYPE\":\"FreshOrStarted\"}}");
        return Stream.of(
                Arguments.of("the Agent's keyless AgentReady is keyed by the Agent", attached,
                        "{\"TYPE\":\"AgentReady\",\"timezone\":\"UTC\"}", Optional.of("A AgentReady")),
                Arguments.of("a Subagent's coupling is kept", attached,
                        "{\"Key\":\"A-1\",\"TYPE\":\"SubagentCoupled\"}", Optional.of("A-1 SubagentCoupled")),
                Arguments.of("an order event is kept", attached,
                        "{\"Key\":\"O\",\"TYPE\":\"OrderStarted\"}", Optional.of("O OrderStarted")),
                Arguments.of("the echo of the Controller's cancellation mark is the mark on the Agent", cancelMarked,
                        "{\"Key\":\"O\",\"TYPE\":\"OrderCancellationMarked\",\"mode\":{\"TYPE\":\"FreshOrStarted\"}}",
                        Optional.of("O OrderCancellationMarkedOnAgent")),
                Arguments.of("a mark the Agent set itself is kept", attached,
                        "{\"Key\":\"O\",\"TYPE\":\"OrderCancellationMarked\",\"mode\":{\"TYPE\":\"FreshOrStarted\"}}",
                        Optional.of("O OrderCancellationMarked")),
                Arguments.of("the Agent's own events are not", attached,
                        "{\"Key\":\"A-1\",\"TYPE\":\"SubagentEventsObserved\",\"untilEventId\":7}", Optional.empty()),
                Arguments.of("a keyless order event is not", attached,
                        "{\"TYPE\":\"AgentCoupled\"}", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void translatesAgentEvents(String what, EngineState state, String agentLine, Optional<String> expected) {
        assertThat(AgentMirror.translate(state, A, agentEvent(5, agentLine)).map(AgentMirrorTest::line)).isEqualTo(expected);
    }

    @Test
    void theAgentsAttachedToAgentIsTheControllersAttachedWhileAttachingOnly() {
        EngineState attaching = with(deployed(), ADDED, ATTACHABLE);
        var order = attaching.orders().get(O);
        Stamped<Event> attachedToAgent = new Stamped<>(5, Optional.empty(), KeyedEvent.of("O", new OrderEvent.OrderAttachedToAgent(order)));

        assertThat(AgentMirror.translate(attaching, A, attachedToAgent).map(AgentMirrorTest::line)).contains("O OrderAttached");
        assertThat(AgentMirror.translate(with(attaching, ATTACHED), A, attachedToAgent)).isEmpty();
    }

    @Test
    void aBatchEndsWithTheObservedEventIdAndKeepsTheAgentsTimes() {
        EngineState attached = with(deployed(), ADDED, ATTACHABLE, ATTACHED);

        var mirrored = AgentMirror.mirror(attached, A, List.of(agentEvent(5, "{\"Key\":\"O\",\"TYPE\":\"OrderStarted\"}")), Optional.empty());

        assertThat(lines(mirrored.decision())).containsExactly("O OrderStarted", "A AgentEventsObserved");
        assertThat(mirrored.decision().timestamps()).containsExactly(Optional.of(AGENT_TIME + 5), Optional.empty());
        assertThat(mirrored.decision().applied().orElseThrow().observedEventId(AgentMirror.peerKey(A))).isEqualTo(5);
        assertThat(mirrored.agentReset()).isFalse();
    }

    @Test
    void theFirstReadOfAConnectionIsTheCouplingAtTheControllersTime() {
        EngineState attached = with(deployed(), ADDED, ATTACHABLE, ATTACHED);

        var mirrored = AgentMirror.mirror(attached, A, List.of(agentEvent(5, "{\"Key\":\"O\",\"TYPE\":\"OrderStarted\"}")), Optional.of(42L));

        assertThat(lines(mirrored.decision())).containsExactly("A AgentCoupled", "O OrderStarted", "A AgentEventsObserved");
        assertThat(mirrored.decision().timestamps().get(0)).contains(42L);
        assertThat(mirrored.decision().applied().orElseThrow().coupling(AgentMirror.peerKey(A)).orElseThrow().isCoupled()).isTrue();
    }

    @Test
    void anEventNotFittingTheStateIsSkippedButObserved() {
        EngineState attached = with(deployed(), ADDED, ATTACHABLE, ATTACHED);
        List<Stamped<Event>> batch = List.of(
                agentEvent(5, "{\"Key\":\"UNKNOWN\",\"TYPE\":\"OrderStarted\"}"),
                agentEvent(6, "{\"Key\":\"O\",\"TYPE\":\"OrderStarted\"}"));

        var mirrored = AgentMirror.mirror(attached, A, batch, Optional.empty());

        assertThat(lines(mirrored.decision())).containsExactly("O OrderStarted", "A AgentEventsObserved");
        assertThat(mirrored.skipped()).singleElement().asString().contains("UNKNOWN");
        assertThat(mirrored.decision().applied().orElseThrow().observedEventId(AgentMirror.peerKey(A))).isEqualTo(6);
    }

    @Test
    void anAgentResetTakesTheOrdersBackAndAsksForTheItemsAgain() {
        EngineState attached = with(deployed(), ADDED, ATTACHABLE, ATTACHED);

        var mirrored = AgentMirror.mirror(attached, A, List.of(agentEvent(9, "{\"TYPE\":\"AgentReset\"}")), Optional.empty());

        assertThat(mirrored.agentReset()).isTrue();
        assertThat(lines(mirrored.decision())).last().isEqualTo("A AgentEventsObserved");
        assertThat(mirrored.decision().applied().orElseThrow().orders().get(O).attachedState()).isEmpty();
    }

    @Test
    void aCouplingFailureIsJournaledOncePerDistinctProblem() {
        Problem refused = Problem.of("ConnectionRefused", "refused");
        Decision<Boolean> first = AgentMirror.couplingFailedDecision(deployed(), A, refused, 42);
        EngineState failed = deployed().applyEvents(first.events()).orThrow();

        assertThat(lines(first)).containsExactly("A AgentCouplingFailed");
        assertThat(first.timestamps()).containsExactly(Optional.of(42L));
        assertThat(AgentMirror.couplingFailedDecision(failed, A, refused, 43).events()).isEmpty();
        assertThat(lines(AgentMirror.couplingFailedDecision(failed, A, Problem.of("HttpError", "503"), 44)))
                .containsExactly("A AgentCouplingFailed");
    }

    static Stream<Arguments> releases() {
        Duration period = Duration.ofSeconds(30);
        return Stream.of(
                Arguments.of("after a (re)connection, always", true, 10L, 10L, Duration.ZERO, period, true),
                Arguments.of("nothing observed yet, never", true, 0L, 0L, Duration.ofHours(1), period, false),
                Arguments.of("more observed, the period passed", false, 11L, 10L, Duration.ofSeconds(31), period, true),
                Arguments.of("more observed, within the period", false, 11L, 10L, Duration.ofSeconds(30), period, false),
                Arguments.of("nothing more observed", false, 10L, 10L, Duration.ofHours(1), period, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void releasesTheAgentsEventsAfterAReconnectionOrPeriodically(String what, boolean catchingUp, long observed, long released,
                                                                 Duration since, Duration period, boolean due) {
        assertThat(AgentMirror.releaseDue(catchingUp, observed, released, since, period)).isEqualTo(due);
    }
}
