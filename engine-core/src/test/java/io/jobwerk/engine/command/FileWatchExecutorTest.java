package io.jobwerk.engine.command;

import static io.jobwerk.engine.command.TestStates.AGENT;
import static io.jobwerk.engine.command.TestStates.NOW;
import static io.jobwerk.engine.command.TestStates.W1;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.ExternalOrderLink;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.path.FileWatchPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileWatchExecutorTest {

    static final Item.FileWatch WATCH = new Item.FileWatch(new FileWatchPath("FW"), W1.path(), AGENT, Expr.of("'/in'"),
            Optional.empty(), Optional.empty(), Duration.ZERO);

    @Test
    void aNewFileGetsAnOrderWithTheFileArgumentAndTheLink() {
        List<KeyedEvent<OrderEvent>> events = FileWatchExecutor.execute(TestStates.state(), WATCH, "/in", Set.of("a"), NOW).orThrow();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).key()).contains("#2026-01-02#F" + NOW.toEpochMilli() + "-FW:a");
        OrderEvent.OrderAdded added = (OrderEvent.OrderAdded) events.get(0).event();
        assertThat(added.workflowId()).isEqualTo(W1);
        assertThat(added.arguments()).isEqualTo(Map.of("file", Value.of("/in/a")));
        assertThat(added.externalOrder()).contains(new ExternalOrderLink(WATCH.path(), "a", false));
    }

    @Test
    void aFileWithAnOrderGetsNoSecondOne() {
        EngineState state = apply(TestStates.state(), FileWatchExecutor.execute(TestStates.state(), WATCH, "/in", Set.of("a"), NOW).orThrow());
        assertThat(FileWatchExecutor.execute(state, WATCH, "/in", Set.of("a"), NOW.plusSeconds(1)).orThrow()).isEmpty();
    }

    @Test
    void aRunningOrderWhoseFileVanishedIsMarkedButNotDeleted() {
        List<KeyedEvent<OrderEvent>> added = FileWatchExecutor.execute(TestStates.state(), WATCH, "/in", Set.of("a"), NOW).orThrow();
        EngineState state = apply(TestStates.state(), added);
        List<KeyedEvent<OrderEvent>> events = FileWatchExecutor.execute(state, WATCH, "/in", Set.of(), NOW).orThrow();
        assertThat(events).extracting(e -> e.event().getClass().getSimpleName()).containsExactly("OrderExternalVanished");
        assertThat(FileWatchExecutor.execute(apply(state, events), WATCH, "/in", Set.of("a"), NOW).orThrow())
                .as("a re-created file waits until the old order is deleted").isEmpty();
    }

    @Test
    void aFinishedOrderIsDeletedOnceItsFileIsGone() {
        List<KeyedEvent<OrderEvent>> added = FileWatchExecutor.execute(TestStates.state(), WATCH, "/in", Set.of("a"), NOW).orThrow();
        String id = added.get(0).key().orElseThrow();
        EngineState state = apply(TestStates.state(), added);
        state = state.applyEvent(KeyedEvent.of(id, new OrderEvent.OrderFinished(Optional.empty()))).orThrow();
        assertThat(FileWatchExecutor.execute(state, WATCH, "/in", Set.of("a"), NOW).orThrow()).as("the file is still there").isEmpty();
        List<KeyedEvent<OrderEvent>> events = FileWatchExecutor.execute(state, WATCH, "/in", Set.of(), NOW).orThrow();
        assertThat(events).extracting(e -> e.event().getClass().getSimpleName()).containsExactly("OrderExternalVanished", "OrderDeleted");
        assertThat(apply(state, events).orders()).doesNotContainKey(new io.jobwerk.engine.order.OrderId(id));
    }

    @Test
    void anUnknownWorkflowIsAProblem() {
        Item.FileWatch watch = new Item.FileWatch(new FileWatchPath("X"), new io.jobwerk.engine.workflow.WorkflowPath("NONE"), AGENT,
                Expr.of("'/in'"), Optional.empty(), Optional.empty(), Duration.ZERO);
        assertThat(FileWatchExecutor.execute(TestStates.state(), watch, "/in", Set.of("a"), NOW).problemOption().orElseThrow().message())
                .startsWith("FileWatch 'X': ");
    }

    static EngineState apply(EngineState state, List<KeyedEvent<OrderEvent>> events) {
        return state.applyEvents(events).orThrow();
    }
}
