package io.jobwerk.engine.command;

import static io.jobwerk.engine.command.TestStates.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Position;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order commands the motor decides: delegated per order, in sequence, all or nothing. */
class MotorCommandExecutorTest {

    private static final OrderId EXISTING = new OrderId("EXISTING");
    private static final OrderId T_AT0 = new OrderId("T-AT0");

    private final EngineState state = TestStates.state();

    private CommandResult execute(EngineState on, Command command) {
        CommandResult result = CommandExecutor.execute(on, command, NOW).orThrow();
        assertThat(on.applyEvents(result.events()).isOk()).as("events apply to the state").isTrue();
        return result;
    }

    private String problem(EngineState on, Command command) {
        return CommandExecutor.execute(on, command, NOW).problemOption().orElseThrow().toString();
    }

    @Test
    void cancelOrdersCancelsEachFreshOrder() {
        CommandResult result = execute(state, new Command.CancelOrders(List.of(EXISTING, T_AT0, EXISTING),
                new CancellationMode.FreshOrStarted(Optional.empty())));

        assertThat(result.events()).containsExactly(
                KeyedEvent.of(EXISTING, new OrderEvent.OrderCancelled()),
                KeyedEvent.of(T_AT0, new OrderEvent.OrderCancelled()));
        assertThat(result.response()).isEqualTo(CommandResponse.ACCEPTED);
    }

    @Test
    void cancelOrdersMarksAForkedParentAndLeavesItsChildren() {
        // as JS7 (recorded): the children go on, the parent is cancelled after its join
        assertThat(execute(state, new Command.CancelOrders(List.of(new OrderId("P")), new CancellationMode.FreshOrStarted(Optional.empty())))
                .events()).containsExactly(KeyedEvent.of(new OrderId("P"),
                        new OrderEvent.OrderCancellationMarked(new CancellationMode.FreshOrStarted(Optional.empty()))));
    }

    @Test
    void cancelOrdersNamesAllUnknownOrdersAndEmitsNothing() {
        assertThat(CommandExecutor.execute(state, new Command.CancelOrders(List.of(new OrderId("X"), EXISTING, new OrderId("Y")),
                new CancellationMode.FreshOnly()), NOW).problemOption().orElseThrow())
                .satisfies(p -> {
                    assertThat(p.code()).isEqualTo("UnknownOrder");
                    assertThat(p.message()).isEqualTo("Unknown orders 'X', 'Y'");
                });
    }

    @Test
    void cancelOrdersFailsAsAWholeWhenOneOrderCannotBeCancelled() {
        EngineState started = state.applyEvent(KeyedEvent.of(T_AT0, new OrderEvent.OrderStarted())).orThrow();

        assertThat(problem(started, new Command.CancelOrders(List.of(EXISTING, T_AT0), new CancellationMode.FreshOnly())))
                .isEqualTo("Order 'T-AT0' has already started; FreshOnly cancels only fresh orders");
    }

    @Test
    void suspendThenResumeOrders() {
        CommandResult suspended = execute(state, new Command.SuspendOrders(List.of(EXISTING, T_AT0), SuspensionMode.STANDARD));
        assertThat(suspended.events()).containsExactly(
                KeyedEvent.of(EXISTING, new OrderEvent.OrderSuspended()),
                KeyedEvent.of(T_AT0, new OrderEvent.OrderSuspended()));
        EngineState next = state.applyEvents(suspended.events()).orThrow();

        CommandResult resumed = execute(next, new Command.ResumeOrders(List.of(EXISTING, T_AT0), true, Optional.empty()));

        assertThat(resumed.events()).containsExactly(
                KeyedEvent.of(EXISTING, new OrderEvent.OrderResumed(Optional.empty(), List.of(), true, false)),
                KeyedEvent.of(T_AT0, new OrderEvent.OrderResumed(Optional.empty(), List.of(), true, false)));
    }

    @Test
    void resumeOrderAtAnotherPosition() {
        EngineState suspended = state.applyEvent(KeyedEvent.of(EXISTING, new OrderEvent.OrderSuspended())).orThrow();

        CommandResult result = execute(suspended, new Command.ResumeOrder(EXISTING, Optional.of(Position.of(2)), List.of(), false, Optional.empty()));

        assertThat(result.events()).containsExactly(
                KeyedEvent.of(EXISTING, new OrderEvent.OrderResumed(Optional.of(Position.of(2)), List.of(), false, false)));
    }

    @Test
    void resumeOrderOfARunningOrderIsAProblem() {
        assertThat(problem(state, new Command.ResumeOrder(EXISTING, Optional.empty(), List.of(), false, Optional.empty())))
                .isEqualTo("Order 'EXISTING' is neither suspended nor failed or stopped");
    }

    @Test
    void goOrderStartsAFreshOrder() {
        assertThat(execute(state, new Command.GoOrder(EXISTING, Position.FIRST)).events())
                .containsExactly(KeyedEvent.of(EXISTING, new OrderEvent.OrderStarted()));
    }

    @Test
    void answerOrderPromptLetsThePromptingOrderGoOn() {
        EngineState prompting = state.applyEvents(List.of(
                KeyedEvent.of(T_AT0, new OrderEvent.OrderStarted()),
                KeyedEvent.of(T_AT0, new OrderEvent.OrderPrompted(Value.of("?"))))).orThrow();

        CommandResult result = execute(prompting, new Command.AnswerOrderPrompt(T_AT0));

        assertThat(result.events()).startsWith(KeyedEvent.of(T_AT0, new OrderEvent.OrderPromptAnswered()));
        assertThat(prompting.applyEvents(result.events()).orThrow().orders().get(T_AT0).position()).isEqualTo(Position.of(1));
    }

    @Test
    void answerOrderPromptOfAnOrderNotPromptingIsAProblem() {
        assertThat(problem(state, new Command.AnswerOrderPrompt(EXISTING))).isEqualTo("Order 'EXISTING' is not prompting");
    }
}
