package io.jobwerk.engine.command;

import static io.jobwerk.engine.command.TestStates.BOARD;
import static io.jobwerk.engine.command.TestStates.NOW;
import static io.jobwerk.engine.command.TestStates.T1;
import static io.jobwerk.engine.command.TestStates.T2;
import static io.jobwerk.engine.command.TestStates.W1;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad command fails with its precise problem and decides no events. */
class CommandExecutorProblemTest {

    private static EngineState state;

    @BeforeAll
    static void setUp() {
        state = TestStates.state();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommands")
    void badCommandFailsWithItsProblem(String name, Command command, String code, String message) {
        Checked<CommandResult> result = CommandExecutor.execute(state, command, NOW);

        Problem problem = result.problemOption().orElseThrow(() -> new AssertionError("Expected a problem, got " + result));
        assertThat(problem.code()).isEqualTo(code);
        assertThat(problem.message()).isEqualTo(message);
    }

    static Stream<Arguments> badCommands() {
        return Stream.of(
                bad("AddOrder, unknown workflow", addOrder(FreshOrder.of("O", "UNKNOWN")),
                        "UnknownWorkflow", "Unknown workflow 'UNKNOWN'"),
                bad("AddOrder, required argument missing", addOrder(FreshOrder.of("O", "W")),
                        "MissingOrderArgument", "Order 'O' misses the argument 'myRequired' required by workflow 'W'"),
                bad("AddOrder, String argument given as Number", addOrder(args(Map.of("myRequired", Value.of(1)))),
                        "WrongOrderArgumentType", "Argument 'myRequired' of order 'O' must be a String, not Number"),
                bad("AddOrder, Number argument given as Boolean", addOrder(args(with("myNumber", Value.TRUE))),
                        "WrongOrderArgumentType", "Argument 'myNumber' of order 'O' must be a Number, not Boolean"),
                bad("AddOrder, List argument given as String", addOrder(args(with("list", Value.of("1")))),
                        "WrongOrderArgumentType", "Argument 'list' of order 'O' must be a List, not String"),
                bad("AddOrder, list element of wrong type", addOrder(args(with("list", list(Value.of(1), Value.of("x"))))),
                        "WrongOrderArgumentType", "Argument 'list[1]' of order 'O' must be a Number, not String"),
                bad("AddOrder, Object argument given as List", addOrder(args(with("obj", list()))),
                        "WrongOrderArgumentType", "Argument 'obj' of order 'O' must be an Object, not List"),
                bad("AddOrder, wrong type in a list in an object", addOrder(args(with("obj",
                                object("a", Value.TRUE, "b", list(Value.of("x"), Value.of(3)))))),
                        "WrongOrderArgumentType", "Argument 'obj.b[1]' of order 'O' must be a String, not Number"),
                bad("AddOrder, object field missing", addOrder(args(with("obj", object("b", list())))),
                        "WrongOrderArgumentType", "Argument 'obj' of order 'O' misses the field 'a'"),
                bad("AddOrder, undeclared object field", addOrder(args(with("obj",
                                object("a", Value.FALSE, "b", list(), "z", Value.of(1))))),
                        "WrongOrderArgumentType", "Argument 'obj' of order 'O' has the undeclared field 'z'"),
                bad("AddOrder, null for a typed parameter", addOrder(args(with("myNumber", Value.NULL))),
                        "WrongOrderArgumentType", "Argument 'myNumber' of order 'O' must be a Number, not Null"),
                bad("AddOrder, undeclared argument", addOrder(args(with("foo", Value.of(1)))),
                        "UndeclaredOrderArgument", "Order 'O' has the argument 'foo' which workflow 'W' does not declare"),
                bad("AddOrder, final argument given", addOrder(args(with("myFinal", Value.of("MINE")))),
                        "FinalOrderArgument", "Order 'O' must not give the argument 'myFinal': workflow 'W' fixes it as final"),
                bad("AddOrder, innerBlock that does not exist",
                        addOrder(positioned(Optional.of(List.of(new Position.Segment(9, BranchId.THEN))), Optional.empty(), List.of())),
                        "InvalidPosition", "Order 'O': innerBlock [9,\"then\"] is not a block of workflow 'W~v1'"),
                bad("AddOrder, innerBlock naming a branch the instruction lacks",
                        addOrder(positioned(Optional.of(List.of(new Position.Segment(1, BranchId.tryBranch(0)))), Optional.empty(), List.of())),
                        "InvalidPosition", "Order 'O': innerBlock [1,\"try+0\"] is not a block of workflow 'W~v1'"),
                bad("AddOrder, startPosition that does not exist",
                        addOrder(positioned(Optional.empty(), Optional.of(Position.of(99)), List.of())),
                        "InvalidPosition", "Order 'O': startPosition [99] does not exist in workflow 'W~v1'"),
                bad("AddOrder, startPosition in a block that does not exist",
                        addOrder(positioned(Optional.empty(), Optional.of(Position.of(0, "then", 0)), List.of())),
                        "InvalidPosition", "Order 'O': startPosition [0,\"then\",0] does not exist in workflow 'W~v1'"),
                bad("AddOrder, startPosition outside the innerBlock",
                        addOrder(positioned(Optional.of(List.of(new Position.Segment(1, BranchId.then(0)))), Optional.of(Position.of(0)), List.of())),
                        "InvalidPosition", "Order 'O': startPosition [0] is not inside the innerBlock [1,\"then\"]"),
                bad("AddOrder, startPosition inside a fork",
                        addOrder(positioned(Optional.empty(), Optional.of(Position.of(3, "fork+A", 0)), List.of())),
                        "InvalidPosition", "Order 'O': startPosition [3,\"fork+A\",0] lies inside a 'fork+A' block, which only its instruction can enter"),
                bad("AddOrder, stop position that does not exist",
                        addOrder(positioned(Optional.empty(), Optional.empty(), List.of(new PositionOrLabel.AtPosition(Position.of(42))))),
                        "InvalidPosition", "Order 'O': stopPosition [42] does not exist in workflow 'W~v1'"),
                bad("AddOrder, stop label that does not exist",
                        addOrder(positioned(Optional.empty(), Optional.empty(), List.of(new PositionOrLabel.AtLabel(new Label("NOPE"))))),
                        "UnknownLabel", "Order 'O': stopPositions names the label 'NOPE' which workflow 'W~v1' does not have"),
                bad("AddOrder, stop label outside the innerBlock",
                        addOrder(positioned(Optional.of(List.of(new Position.Segment(1, BranchId.then(0)))), Optional.empty(),
                                List.of(new PositionOrLabel.AtLabel(new Label("END"))))),
                        "InvalidPosition", "Order 'O': stopPosition [4] is not inside the innerBlock [1,\"then\"]"),
                bad("AddOrders, the same id twice",
                        new Command.AddOrders(List.of(args(Map.of("myRequired", Value.of("1"))), args(Map.of("myRequired", Value.of("2"))))),
                        "DuplicateOrder", "Duplicate order 'O'"),
                bad("AddOrders, an existing id",
                        new Command.AddOrders(List.of(FreshOrder.of("NEW", "W", TestStates.validArguments()),
                                FreshOrder.of("EXISTING", "W", TestStates.validArguments()))),
                        "DuplicateOrder", "Duplicate order 'EXISTING'"),
                bad("AddOrders, one invalid order",
                        new Command.AddOrders(List.of(FreshOrder.of("A", "W", TestStates.validArguments()), FreshOrder.of("B", "W"))),
                        "MissingOrderArgument", "Order 'B' misses the argument 'myRequired' required by workflow 'W'"),
                bad("PostNotice, unknown board", new Command.PostNotice(new NoticeId(new BoardPath("NOBOARD"), "KEY"), Optional.empty()),
                        "UnknownItem", "Unknown Board 'NOBOARD'"),
                bad("DeleteNotice, unknown notice", new Command.DeleteNotice(new NoticeId(BOARD, "NOKEY")),
                        "UnknownNotice", "Board 'BOARD' has no notice 'NOKEY'"),
                bad("ControlWorkflowPath, unknown workflow",
                        new Command.ControlWorkflowPath(new WorkflowPath("UNKNOWN"), Optional.of(true), Map.of()),
                        "UnknownWorkflow", "Unknown workflow 'UNKNOWN'"),
                bad("ControlWorkflowPath, unknown label",
                        new Command.ControlWorkflowPath(new WorkflowPath("W"), Optional.empty(), Map.of(new Label("NOPE"), true)),
                        "UnknownLabel", "Workflow 'W~v1' has no label 'NOPE'"),
                bad("ControlWorkflow, unknown version",
                        new Command.ControlWorkflow(WorkflowId.of("W", "v9"), Set.of(Position.of(0)), Set.of()),
                        "UnknownWorkflow", "Unknown workflow 'W~v9'"),
                bad("ControlWorkflow, breakpoint at a position that does not exist",
                        new Command.ControlWorkflow(W1, Set.of(Position.of(77)), Set.of()),
                        "InvalidPosition", "Workflow 'W~v1' has no position [77]"),
                bad("ControlWorkflow, removing a breakpoint at a position that does not exist",
                        new Command.ControlWorkflow(W1, Set.of(), Set.of(Position.of(2, "try+0", 5))),
                        "InvalidPosition", "Workflow 'W~v1' has no position [2,\"try+0\",5]"),
                bad("ChangeOrder, unknown order", new Command.ChangeOrder(new OrderId("NOPE"), Optional.of(BigDecimal.ONE)),
                        "UnknownOrder", "Unknown order 'NOPE'"),
                bad("ChangeOrder, terminated order", new Command.ChangeOrder(new OrderId("FINISHED"), Optional.of(BigDecimal.ONE)),
                        "OrderTerminated", "Order 'FINISHED' has terminated (Finished) and cannot be changed"),
                bad("DeleteOrdersWhenTerminated, one unknown order",
                        new Command.DeleteOrdersWhenTerminated(List.of(new OrderId("EXISTING"), new OrderId("X"))),
                        "UnknownOrder", "Unknown order 'X'"),
                bad("DeleteOrdersWhenTerminated, unknown orders",
                        new Command.DeleteOrdersWhenTerminated(List.of(new OrderId("X"), new OrderId("EXISTING"), new OrderId("Y"))),
                        "UnknownOrder", "Unknown orders 'X', 'Y'"),
                bad("DeleteOrdersWhenTerminated, child order",
                        new Command.DeleteOrdersWhenTerminated(List.of(new OrderId("P|A"))),
                        "CannotDeleteChildOrder", "Order 'P|A' is a child of order 'P' and cannot be deleted"),
                bad("TransferOrders, unknown version", new Command.TransferOrders(WorkflowId.of("T", "9")),
                        "UnknownWorkflow", "Unknown workflow 'T~9'"),
                bad("TransferOrders, from the current version", new Command.TransferOrders(T2),
                        "WorkflowVersionIsCurrent", "Workflow 'T~2' is the current version already; there is nothing to transfer to"),
                bad("TransferOrders, a position the new version lacks", new Command.TransferOrders(T1),
                        "InvalidPosition", "Order 'T-AT3' cannot be transferred: workflow 'T~2' has no position [3]"),
                bad("ResetAgent, unknown Agent", new Command.ResetAgent(new AgentPath("NOAGENT"), false),
                        "UnknownItem", "Unknown Agent 'NOAGENT'"),
                bad("ResetSubagent, unknown Subagent", new Command.ResetSubagent(new SubagentId("NOSUBAGENT"), false),
                        "UnknownItem", "Unknown Subagent 'NOSUBAGENT'"));
    }

    private static Arguments bad(String name, Command command, String code, String message) {
        return Arguments.of(name, command, code, message);
    }

    private static Command addOrder(FreshOrder order) {
        return new Command.AddOrder(order);
    }

    private static FreshOrder args(Map<String, Value> arguments) {
        return FreshOrder.of("O", "W", arguments);
    }

    /** The valid arguments plus one. */
    private static Map<String, Value> with(String name, Value value) {
        Map<String, Value> map = new LinkedHashMap<>(TestStates.validArguments());
        map.put(name, value);
        return map;
    }

    private static Value list(Value... elements) {
        return new Value.ListValue(List.of(elements));
    }

    private static Value object(Object... namesAndValues) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
        }
        return new Value.ObjectValue(fields);
    }

    private static FreshOrder positioned(Optional<List<Position.Segment>> innerBlock, Optional<Position> start,
                                         List<PositionOrLabel> stops) {
        FreshOrder o = args(TestStates.validArguments());
        return new FreshOrder(o.id(), o.workflowPath(), o.arguments(), o.scheduledFor(), o.planId(), o.priority(),
                false, false, innerBlock, start, stops);
    }
}
