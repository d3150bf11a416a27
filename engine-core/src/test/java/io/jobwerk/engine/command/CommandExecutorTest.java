package io.jobwerk.engine.command;

import static io.jobwerk.engine.command.TestStates.BOARD;
import static io.jobwerk.engine.command.TestStates.NOW;
import static io.jobwerk.engine.command.TestStates.OPEN1;
import static io.jobwerk.engine.command.TestStates.T1;
import static io.jobwerk.engine.command.TestStates.T2;
import static io.jobwerk.engine.command.TestStates.W1;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeEvent;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.state.WorkflowPathControl;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import io.jobwerk.engine.workflow.WorkflowPath;
import io.jobwerk.engine.workflow.WorkflowPosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Good commands decide exactly these events and responses, and the events apply to the state. */
class CommandExecutorTest {

    private final EngineState state = TestStates.state();

    private CommandResult execute(EngineState on, Command command) {
        CommandResult result = CommandExecutor.execute(on, command, NOW).orThrow();
        assertThat(on.applyEvents(result.events()).isOk()).as("events apply to the state").isTrue();
        return result;
    }

    private CommandResult execute(Command command) {
        return execute(state, command);
    }

    private EngineState after(CommandResult result) {
        return state.applyEvents(result.events()).orThrow();
    }

    // ---- AddOrder ----

    @Test
    void addOrderEmitsOrderAddedWithEverythingGivenAndNoDefaults() {
        Map<String, Value> arguments = new LinkedHashMap<>();
        arguments.put("myRequired", Value.of("STRING"));
        arguments.put("list", new Value.ListValue(List.of(Value.of(1), Value.of(2))));
        arguments.put("obj", new Value.ObjectValue(Map.of("a", Value.TRUE, "b", new Value.ListValue(List.of(Value.of("x"))))));
        List<Position.Segment> innerBlock = List.of(new Position.Segment(2, BranchId.tryBranch(0)));
        FreshOrder order = new FreshOrder(new OrderId("O"), new WorkflowPath("W"), arguments,
                Optional.of(Instant.parse("2026-01-03T00:00:00Z")), new PlanId("DailyPlan", "2026-01-03"), new BigDecimal("1.5"),
                true, true, Optional.of(innerBlock), Optional.of(Position.of(2, "try+0", 0)),
                List.of(new PositionOrLabel.AtPosition(Position.of(2, "try+0", 1))));

        CommandResult result = execute(new Command.AddOrder(order));

        assertThat(result.events()).containsExactly(KeyedEvent.of("O", new OrderEvent.OrderAdded(W1, arguments,
                Optional.of(Instant.parse("2026-01-03T00:00:00Z")), new PlanId("DailyPlan", "2026-01-03"), Optional.empty(),
                true, true, Optional.of(innerBlock), Optional.of(Position.of(2, "try+0", 0)),
                List.of(new PositionOrLabel.AtPosition(Position.of(2, "try+0", 1))), new BigDecimal("1.5"))));
        assertThat(result.response()).isEqualTo(new CommandResponse.AddOrderResponse(false));
        assertThat(after(result).orders().get(new OrderId("O")).position()).isEqualTo(Position.of(2, "try+0", 0));
    }

    @Test
    void addOrderAcceptsStartInThenBlockAndStopAtLabel() {
        FreshOrder order = new FreshOrder(new OrderId("O"), new WorkflowPath("W"), TestStates.validArguments(), Optional.empty(),
                PlanId.GLOBAL, BigDecimal.ZERO, false, false, Optional.empty(), Optional.of(Position.of(1, "then", 0)),
                List.of(new PositionOrLabel.AtLabel(new Label("END")), new PositionOrLabel.AtLabel(new Label("INNER"))));

        assertThat(execute(new Command.AddOrder(order)).events()).hasSize(1);
    }

    @Test
    void addOrderOfDuplicateIdIsIgnored() {
        CommandResult result = execute(new Command.AddOrder(FreshOrder.of("EXISTING", "W", TestStates.validArguments())));

        assertThat(result.events()).isEmpty();
        assertThat(result.response()).isEqualTo(new CommandResponse.AddOrderResponse(true));
    }

    @Test
    void addOrderOfDuplicateIdIsIgnoredEvenWhenItWouldBeInvalid() {
        CommandResult result = execute(new Command.AddOrder(FreshOrder.of("EXISTING", "UNKNOWN")));

        assertThat(result.response()).isEqualTo(new CommandResponse.AddOrderResponse(true));
    }

    @Test
    void addOrderUsesTheCurrentWorkflowVersion() {
        CommandResult result = execute(new Command.AddOrder(FreshOrder.of("O", "T")));

        assertThat(((OrderEvent.OrderAdded) result.events().get(0).event()).workflowId()).isEqualTo(T2);
    }

    @Test
    void undeclaredArgumentsAreAllowedWhenTheWorkflowSaysSo() {
        CommandResult result = execute(new Command.AddOrder(FreshOrder.of("O", "OPEN", Map.of("anything", Value.of(1)))));

        assertThat(((OrderEvent.OrderAdded) result.events().get(0).event()).workflowId()).isEqualTo(OPEN1);
    }

    @ParameterizedTest
    @MethodSource("validArgumentMaps")
    void argumentsOfTheDeclaredTypesAreAccepted(Map<String, Value> arguments) {
        CommandResult result = execute(new Command.AddOrder(FreshOrder.of("O", "W", arguments)));

        assertThat(((OrderEvent.OrderAdded) result.events().get(0).event()).arguments()).isEqualTo(arguments);
    }

    static Stream<Map<String, Value>> validArgumentMaps() {
        return Stream.of(
                Map.of("myRequired", Value.of("")),
                Map.of("myRequired", Value.of("x"), "myNumber", Value.of(new BigDecimal("-1.5"))),
                Map.of("myRequired", Value.of("x"), "list", new Value.ListValue(List.of())),
                Map.of("myRequired", Value.of("x"), "list", new Value.ListValue(List.of(Value.of(1), Value.of(2)))),
                Map.of("myRequired", Value.of("x"), "obj", new Value.ObjectValue(Map.of("a", Value.FALSE,
                        "b", new Value.ListValue(List.of(Value.of("p"), Value.of("q")))))));
    }

    @Test
    void addOrdersAddsAllOrders() {
        CommandResult result = execute(new Command.AddOrders(List.of(FreshOrder.of("A", "W", TestStates.validArguments()),
                FreshOrder.of("B", "T"))));

        assertThat(result.events()).containsExactly(
                KeyedEvent.of("A", new OrderEvent.OrderAdded(W1, TestStates.validArguments(), Optional.empty(), PlanId.GLOBAL,
                        Optional.empty(), false, false, Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO)),
                KeyedEvent.of("B", new OrderEvent.OrderAdded(T2, Map.of(), Optional.empty(), PlanId.GLOBAL,
                        Optional.empty(), false, false, Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO)));
        assertThat(result.response()).isEqualTo(CommandResponse.ACCEPTED);
    }

    // ---- notices ----

    @Test
    void postNoticeEmitsNoticePostedKeyedByBoard() {
        Instant endOfLife = Instant.parse("2026-02-01T00:00:00Z");
        NoticeId id = new NoticeId(BOARD, "2026-01-02");

        CommandResult result = execute(new Command.PostNotice(id, Optional.of(endOfLife)));

        assertThat(result.events()).containsExactly(KeyedEvent.of(BOARD, new NoticeEvent.NoticePosted(new Notice(id, Optional.of(endOfLife)))));
        assertThat(after(result).boards().get(BOARD).hasNotice("2026-01-02")).isTrue();
    }

    @Test
    void deleteNoticeEmitsNoticeDeleted() {
        NoticeId id = new NoticeId(BOARD, "KEY");

        CommandResult result = execute(new Command.DeleteNotice(id));

        assertThat(result.events()).containsExactly(KeyedEvent.of(BOARD, new NoticeEvent.NoticeDeleted(id)));
        assertThat(after(result).boards().get(BOARD).hasNotice("KEY")).isFalse();
    }

    // ---- workflow controls ----

    @Test
    void controlWorkflowPathMergesWithTheExistingControl() {
        WorkflowPath w = new WorkflowPath("W");
        EngineState controlled = state.applyEvent(KeyedEvent.of(w,
                new WorkflowControlEvent.WorkflowPathControlUpdated(w, true, Set.of(new Label("PROMPT"))))).orThrow();
        Map<Label, Boolean> skip = new LinkedHashMap<>();
        skip.put(new Label("END"), true);
        skip.put(new Label("PROMPT"), false);

        CommandResult result = execute(controlled, new Command.ControlWorkflowPath(w, Optional.empty(), skip));

        assertThat(result.events()).containsExactly(KeyedEvent.of(w,
                new WorkflowControlEvent.WorkflowPathControlUpdated(w, true, Set.of(new Label("END")))));
        assertThat(controlled.applyEvents(result.events()).orThrow().pathControl(w))
                .contains(new WorkflowPathControl(w, true, Set.of(new Label("END"))));
    }

    @Test
    void controlWorkflowPathWithoutExistingControlStartsUnsuspended() {
        WorkflowPath w = new WorkflowPath("W");

        CommandResult result = execute(new Command.ControlWorkflowPath(w, Optional.empty(), Map.of(new Label("INNER"), true)));

        assertThat(result.events()).containsExactly(KeyedEvent.of(w,
                new WorkflowControlEvent.WorkflowPathControlUpdated(w, false, Set.of(new Label("INNER")))));
    }

    @Test
    void controlWorkflowAddsAndRemovesBreakpoints() {
        EngineState withBreakpoint = state.applyEvent(KeyedEvent.of(W1,
                new WorkflowControlEvent.WorkflowControlUpdated(W1, Set.of(Position.of(0), Position.of(1))))).orThrow();

        CommandResult result = execute(withBreakpoint,
                new Command.ControlWorkflow(W1, Set.of(Position.of(1, "then", 0), Position.of(5)), Set.of(Position.of(0))));

        assertThat(result.events()).containsExactly(KeyedEvent.of(W1, new WorkflowControlEvent.WorkflowControlUpdated(W1,
                Set.of(Position.of(1), Position.of(1, "then", 0), Position.of(5)))));
    }

    // ---- ChangeOrder ----

    @Test
    void changeOrderEmitsOrderPriorityChanged() {
        CommandResult result = execute(new Command.ChangeOrder(new OrderId("EXISTING"), Optional.of(new BigDecimal("7"))));

        assertThat(result.events()).containsExactly(KeyedEvent.of("EXISTING", new OrderEvent.OrderPriorityChanged(new BigDecimal("7"))));
        assertThat(after(result).orders().get(new OrderId("EXISTING")).priority()).isEqualByComparingTo("7");
    }

    @Test
    void changeOrderToTheSamePriorityEmitsNothing() {
        assertThat(execute(new Command.ChangeOrder(new OrderId("EXISTING"), Optional.of(new BigDecimal("0.00")))).events()).isEmpty();
        assertThat(execute(new Command.ChangeOrder(new OrderId("EXISTING"), Optional.empty())).events()).isEmpty();
    }

    // ---- DeleteOrdersWhenTerminated ----

    @Test
    void deleteOrdersWhenTerminatedMarksAndDeletesTerminatedOrdersAtOnce() {
        CommandResult result = execute(new Command.DeleteOrdersWhenTerminated(
                List.of(new OrderId("EXISTING"), new OrderId("FINISHED"), new OrderId("EXISTING"))));

        assertThat(result.events()).containsExactly(
                KeyedEvent.of("EXISTING", new OrderEvent.OrderDeletionMarked()),
                KeyedEvent.of("FINISHED", new OrderEvent.OrderDeletionMarked()),
                KeyedEvent.of("FINISHED", new OrderEvent.OrderDeleted()));
        EngineState next = after(result);
        assertThat(next.orders()).doesNotContainKey(new OrderId("FINISHED"));
        assertThat(next.orders().get(new OrderId("EXISTING")).deleteWhenTerminated()).isTrue();
    }

    @Test
    void deleteOrdersWhenTerminatedDoesNotMarkTwice() {
        EngineState marked = state.applyEvent(KeyedEvent.of("EXISTING", new OrderEvent.OrderDeletionMarked())).orThrow();

        assertThat(execute(marked, new Command.DeleteOrdersWhenTerminated(List.of(new OrderId("EXISTING")))).events()).isEmpty();
    }

    // ---- TransferOrders ----

    @Test
    void transferOrdersMovesEveryLiveOrderOfTheOldVersionToTheCurrentOne() {
        EngineState movable = state.applyEvent(KeyedEvent.of("T-AT3", new OrderEvent.OrderMoved(Position.of(1), Optional.empty())))
                .orThrow();

        CommandResult result = execute(movable, new Command.TransferOrders(T1));

        assertThat(result.events()).containsExactly(
                KeyedEvent.of("T-AT0", new OrderEvent.OrderTransferred(new WorkflowPosition(T2, Position.of(0)))),
                KeyedEvent.of("T-AT3", new OrderEvent.OrderTransferred(new WorkflowPosition(T2, Position.of(1)))));
        EngineState next = movable.applyEvents(result.events()).orThrow();
        assertThat(next.orders().get(new OrderId("T-AT3")).workflowPosition()).isEqualTo(new WorkflowPosition(T2, Position.of(1)));
        assertThat(next.orders().get(new OrderId("T-FINISHED")).workflowId()).isEqualTo(T1);
    }

    @Test
    void transferOrdersAcceptsTheImplicitEndOfTheNewVersion() {
        // T~2 has two instructions, so [2] is its implicit end and [3] does not exist
        EngineState atEnd = state.applyEvent(KeyedEvent.of("T-AT3", new OrderEvent.OrderMoved(Position.of(2), Optional.empty())))
                .orThrow();

        assertThat(execute(atEnd, new Command.TransferOrders(T1)).events()).hasSize(2);
    }

    @Test
    void transferOrdersRejectsAnOrderBusyWithAnInstructionTheNewVersionReplaced() {
        EngineState prompting = state.applyEvents(List.of(
                KeyedEvent.of("T-AT3", new OrderEvent.OrderMoved(Position.of(1), Optional.empty())),
                KeyedEvent.of("T-AT3", new OrderEvent.OrderStarted()),
                KeyedEvent.of("T-AT3", new OrderEvent.OrderPrompted(Value.of("?"))))).orThrow();

        assertThat(CommandExecutor.execute(prompting, new Command.TransferOrders(T1), NOW).problemOption().orElseThrow().message())
                .isEqualTo("Order 'T-AT3' cannot be transferred: at [1] workflow 'T~2' has End where 'T~1' has Prompt");
    }

    @Test
    void transferOrdersLetsAReadyOrderMeetANewInstruction() {
        EngineState ready = state.applyEvents(List.of(
                KeyedEvent.of("T-AT3", new OrderEvent.OrderMoved(Position.of(1), Optional.empty())),
                KeyedEvent.of("T-AT3", new OrderEvent.OrderStarted()))).orThrow();

        assertThat(execute(ready, new Command.TransferOrders(T1)).events()).hasSize(2);
    }

    // ---- Batch ----

    @Test
    void batchAppliesEachCommandToTheStateOfThePreviousOnesAndKeepsGoingAfterAFailure() {
        CommandResult result = execute(new Command.Batch(List.of(
                new Command.AddOrder(FreshOrder.of("A", "W", TestStates.validArguments())),
                new Command.ChangeOrder(new OrderId("NOPE"), Optional.of(BigDecimal.ONE)),
                new Command.ChangeOrder(new OrderId("A"), Optional.of(BigDecimal.TEN)),
                new Command.AddOrder(FreshOrder.of("A", "W", TestStates.validArguments())))));

        assertThat(result.events()).containsExactly(
                KeyedEvent.of("A", new OrderEvent.OrderAdded(W1, TestStates.validArguments(), Optional.empty(), PlanId.GLOBAL,
                        Optional.empty(), false, false, Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO)),
                KeyedEvent.of("A", new OrderEvent.OrderPriorityChanged(BigDecimal.TEN)));
        List<Checked<CommandResponse>> responses = ((CommandResponse.BatchResponse) result.response()).responses();
        assertThat(responses).hasSize(4);
        assertThat(responses.get(0)).isEqualTo(Checked.ok(new CommandResponse.AddOrderResponse(false)));
        assertThat(responses.get(1).problemOption().orElseThrow().message()).isEqualTo("Unknown order 'NOPE'");
        assertThat(responses.get(2)).isEqualTo(Checked.ok(CommandResponse.ACCEPTED));
        assertThat(responses.get(3)).isEqualTo(Checked.ok(new CommandResponse.AddOrderResponse(true)));
    }

    // ---- server commands ----

    @ParameterizedTest
    @MethodSource("serverCommands")
    void serverCommandsAreAcceptedWithoutEvents(Command command) {
        CommandResult result = execute(command);

        assertThat(result.events()).isEmpty();
        assertThat(result.response()).isEqualTo(CommandResponse.ACCEPTED);
    }

    @ParameterizedTest
    @MethodSource("serverCommands")
    void serverCommandsInsideABatchAreRefusedSinceTheServerWouldNotSeeThem(Command command) {
        CommandResult result = execute(new Command.Batch(List.of(new Command.Batch(List.of(command)))));

        Checked<CommandResponse> inner = ((CommandResponse.BatchResponse) result.response()).responses().get(0);
        Checked<CommandResponse> response = ((CommandResponse.BatchResponse) inner.orThrow()).responses().get(0);
        assertThat(CommandExecutor.isCarriedOutByServer(command)).isEqualTo(command.kind() != Command.Kind.NO_OPERATION);
        if (command.kind() == Command.Kind.NO_OPERATION) {
            assertThat(response).isEqualTo(Checked.ok(CommandResponse.ACCEPTED));
        } else {
            assertThat(response.problemOption().orElseThrow().code()).isEqualTo("NotInBatch");
            assertThat(response.problemOption().orElseThrow().message()).startsWith(command.typeName() + " inside a Batch");
        }
    }

    static Stream<Command> serverCommands() {
        return Stream.of(new Command.NoOperation(), new Command.ReleaseEvents(1000), new Command.TakeSnapshot(),
                new Command.ShutDown(true, Optional.empty(), false), new Command.EmergencyStop(false),
                new Command.ResetAgent(TestStates.AGENT, true), new Command.ResetSubagent(TestStates.SUBAGENT, false));
    }

    @Test
    void fixtureHasTheStatesTheTestsAssume() {
        assertThat(state.orders().get(new OrderId("P|A")).parent()).contains(new OrderId("P"));
        assertThat(state.orders().get(new OrderId("FINISHED")).state()).isInstanceOf(OrderState.Finished.class);
    }
}
