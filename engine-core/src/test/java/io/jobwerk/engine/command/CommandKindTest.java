package io.jobwerk.engine.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every command type has its own kind, and the executor decides every kind without throwing. */
class CommandKindTest {

    private static final OrderId ORDER = new OrderId("EXISTING");

    static Map<Command.Kind, Command> samples() {
        List<Command> commands = List.of(
                new Command.AddOrder(FreshOrder.of("NEW", "W", TestStates.validArguments())),
                new Command.AddOrders(List.of()),
                new Command.CancelOrders(List.of(ORDER), new CancellationMode.FreshOnly()),
                new Command.SuspendOrders(List.of(ORDER), SuspensionMode.STANDARD),
                new Command.ResumeOrder(ORDER, Optional.empty(), List.of(), false, Optional.empty()),
                new Command.ResumeOrders(List.of(ORDER), false, Optional.empty()),
                new Command.GoOrder(ORDER, Position.FIRST),
                new Command.AnswerOrderPrompt(ORDER),
                new Command.DeleteOrdersWhenTerminated(List.of(ORDER)),
                new Command.ChangeOrder(ORDER, Optional.of(BigDecimal.ONE)),
                new Command.TransferOrders(TestStates.T1),
                new Command.PostNotice(new NoticeId(TestStates.BOARD, "K"), Optional.empty()),
                new Command.DeleteNotice(new NoticeId(TestStates.BOARD, "KEY")),
                new Command.ControlWorkflowPath(new WorkflowPath("W"), Optional.of(true), Map.of()),
                new Command.ControlWorkflow(TestStates.W1, Set.of(), Set.of()),
                new Command.Batch(List.of()),
                new Command.ReleaseEvents(0),
                new Command.TakeSnapshot(),
                new Command.ShutDown(false, Optional.empty(), false),
                new Command.EmergencyStop(false),
                new Command.NoOperation(),
                new Command.ResetAgent(TestStates.AGENT, false),
                new Command.ResetSubagent(TestStates.SUBAGENT, false),
                new Command.CreateDailyPlan(java.time.LocalDate.parse("2027-01-04"), java.time.LocalDate.parse("2027-01-10")),
                new Command.SubmitDailyPlan(java.time.LocalDate.parse("2027-01-04"), java.time.LocalDate.parse("2027-01-04")),
                new Command.CancelDailyPlan(java.time.LocalDate.parse("2027-01-04"), java.time.LocalDate.parse("2027-01-04")),
                new Command.DeleteDailyPlan(java.time.LocalDate.parse("2027-01-04"), java.time.LocalDate.parse("2027-01-04")));
        Map<Command.Kind, Command> map = new EnumMap<>(Command.Kind.class);
        for (Command c : commands) {
            assertThat(map.put(c.kind(), c)).as("kind %s used twice", c.kind()).isNull();
        }
        return map;
    }

    @Test
    void everyPermittedCommandTypeHasASample() {
        List<Class<?>> sampleTypes = samples().values().stream().<Class<?>>map(Object::getClass).toList();
        assertThat(sampleTypes).containsExactlyInAnyOrderElementsOf(leaves(Command.class));
        assertThat(samples().keySet()).containsExactlyInAnyOrder(Command.Kind.values());
    }

    /** The records under a sealed interface, through its sealed sub-interfaces (the daily-plan commands). */
    private static List<Class<?>> leaves(Class<?> type) {
        if (!type.isSealed()) {
            return List.of(type);
        }
        return Arrays.stream(type.getPermittedSubclasses()).flatMap(c -> leaves(c).stream()).toList();
    }

    @Test
    void everyKindIsDecidedWithoutException() {
        EngineState state = TestStates.state();
        for (Command command : samples().values()) {
            assertThatCode(() -> CommandExecutor.execute(state, command, TestStates.NOW)).as(command.typeName()).doesNotThrowAnyException();
        }
    }
}
