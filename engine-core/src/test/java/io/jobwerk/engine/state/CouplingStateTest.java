package io.jobwerk.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The coupling events fold into {@link EngineState#couplings}, with the time each state began. */
class CouplingStateTest {
    static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant T2 = T1.plusSeconds(5);
    static final Instant T3 = T1.plusSeconds(9);
    static final Problem REFUSED = Problem.of("ConnectionRefused", "Connection refused");
    static final Problem TIMEOUT = Problem.of("ConnectionFailed", "timeout");

    private EngineState state = EngineState.EMPTY;

    private void apply(String key, Event event, Instant at) {
        state = state.applyEvent(KeyedEvent.of(key, event), Optional.of(at)).orThrow();
    }

    @Test
    void agentCoupledThenFailedThenCoupledAgain() {
        apply("AGENT", new SystemEvent.AgentCoupled(), T1);
        assertThat(state.coupling("Agent:AGENT")).contains(CouplingState.coupled(Optional.of(T1)));
        apply("AGENT", new SystemEvent.AgentCouplingFailed(REFUSED), T2);
        assertThat(state.coupling("Agent:AGENT")).contains(
                new CouplingState(CouplingState.Status.COUPLING_FAILED, Optional.of(T2), Optional.of(REFUSED)));
        apply("AGENT", new SystemEvent.AgentCoupled(), T3);
        assertThat(state.coupling("Agent:AGENT")).contains(CouplingState.coupled(Optional.of(T3)));
    }

    @Test
    void anotherProblemKeepsTheTimeTheFailureBegan() {
        apply("AGENT", new SystemEvent.AgentCouplingFailed(REFUSED), T1);
        apply("AGENT", new SystemEvent.AgentCouplingFailed(TIMEOUT), T2);
        assertThat(state.coupling("Agent:AGENT")).contains(
                new CouplingState(CouplingState.Status.COUPLING_FAILED, Optional.of(T1), Optional.of(TIMEOUT)));
    }

    @Test
    void agentReadyCouplesOnlyWhatIsNotCoupled() {
        apply("AGENT", new SystemEvent.AgentCoupled(), T1);
        apply("AGENT", new SystemEvent.AgentReady("Etc/UTC", Optional.empty()), T2);
        assertThat(state.coupling("Agent:AGENT")).contains(CouplingState.coupled(Optional.of(T1)));
        apply("OTHER", new SystemEvent.AgentReady("Etc/UTC", Optional.empty()), T2);
        assertThat(state.coupling("Agent:OTHER")).contains(CouplingState.coupled(Optional.of(T2)));
    }

    @Test
    void theAgentsOwnKeylessAgentReadyChangesNoCoupling() {
        state = state.applyEvent(KeyedEvent.keyless(new SystemEvent.AgentReady("Etc/UTC", Optional.empty())), Optional.of(T1)).orThrow();
        assertThat(state.couplings()).isEmpty();
    }

    @Test
    void subagentCouplingIsKeyedByItsItemKeyAndGoesWithTheItem() {
        Item.SubagentItem item = new Item.SubagentItem(new SubagentId("SUB"), new AgentPath("AGENT"), "http://127.0.0.1:1", false);
        state = state.applyEvent(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(item))).orThrow();
        apply("SUB", new SystemEvent.SubagentCouplingFailed(REFUSED), T1);
        assertThat(state.coupling(item.key())).map(CouplingState::problem).contains(Optional.of(REFUSED));
        apply("SUB", new SystemEvent.SubagentCoupled(), T2);
        assertThat(state.coupling(item.key())).contains(CouplingState.coupled(Optional.of(T2)));
        state = state.applyEvent(KeyedEvent.keyless(new ItemEvent.ItemDeleted(item.key()))).orThrow();
        assertThat(state.couplings()).isEmpty();
    }

    @Test
    void aCouplingEventWithoutTimeHasNoSince() {
        state = state.applyEvent(KeyedEvent.of("AGENT", new SystemEvent.AgentCoupled())).orThrow();
        assertThat(state.coupling("Agent:AGENT")).contains(CouplingState.coupled(Optional.empty()));
    }

    @Test
    void snapshotKeepsTheCouplings() {
        apply("AGENT", new SystemEvent.AgentCouplingFailed(REFUSED), T1);
        apply("SUB", new SystemEvent.SubagentCoupled(), T2);
        List<ObjectNode> objects = EngineStateJson.snapshotObjects(state);
        assertThat(objects.stream().map(EngineJson::print)).containsExactly(
                "{\"TYPE\":\"Coupling\",\"key\":\"Agent:AGENT\",\"couplingState\":\"CouplingFailed\",\"since\":" + T1.toEpochMilli()
                        + ",\"problem\":{\"TYPE\":\"Problem\",\"code\":\"ConnectionRefused\",\"message\":\"Connection refused\"}}",
                "{\"TYPE\":\"Coupling\",\"key\":\"Subagent:SUB\",\"couplingState\":\"Coupled\",\"since\":" + T2.toEpochMilli() + "}");
        assertThat(EngineStateJson.fromSnapshotObjects(objects).orThrow()).isEqualTo(state);
    }
}
