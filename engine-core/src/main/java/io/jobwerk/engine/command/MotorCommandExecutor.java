package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.OrderEventSource;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The order commands the order motor decides: {@code CancelOrders}, {@code SuspendOrders},
 * {@code ResumeOrder}, {@code ResumeOrders}, {@code GoOrder}, {@code AnswerOrderPrompt}. Delegates
 * to {@link OrderEventSource} on the Controller. All named orders must exist; they are decided one
 * after the other, each on the state the events of the previous ones lead to, and the first problem
 * fails the whole command (no events).
 */
final class MotorCommandExecutor {
    private MotorCommandExecutor() {}

    static Checked<CommandResult> execute(EngineState state, Command command, Instant now, MotorEnvironment environment) {
        return switch (command.kind()) {
            case CANCEL_ORDERS -> {
                var c = (Command.CancelOrders) command;
                yield perOrder(state, now, environment, c.orderIds(), (source, id) -> source.cancel(id, c.mode()));
            }
            case SUSPEND_ORDERS -> {
                var c = (Command.SuspendOrders) command;
                yield perOrder(state, now, environment, c.orderIds(), (source, id) -> source.suspend(id, c.mode()));
            }
            case RESUME_ORDER -> {
                var c = (Command.ResumeOrder) command;
                yield perOrder(state, now, environment, List.of(c.orderId()), (source, id) ->
                        source.resume(id, c.position(), c.historyOperations(), c.asSucceeded(), c.restartKilledJob()));
            }
            case RESUME_ORDERS -> {
                var c = (Command.ResumeOrders) command;
                yield perOrder(state, now, environment, c.orderIds(), (source, id) ->
                        source.resume(id, Optional.empty(), List.of(), c.asSucceeded(), c.restartKilledJob()));
            }
            case GO_ORDER -> {
                var c = (Command.GoOrder) command;
                yield perOrder(state, now, environment, List.of(c.orderId()), (source, id) -> source.go(id, c.position()));
            }
            case ANSWER_ORDER_PROMPT -> {
                var c = (Command.AnswerOrderPrompt) command;
                yield perOrder(state, now, environment, List.of(c.orderId()), OrderEventSource::answerPrompt);
            }
            case ADD_ORDER, ADD_ORDERS, DELETE_ORDERS_WHEN_TERMINATED, CHANGE_ORDER, TRANSFER_ORDERS, POST_NOTICE, DELETE_NOTICE,
                    CONTROL_WORKFLOW_PATH, CONTROL_WORKFLOW, BATCH, RELEASE_EVENTS, TAKE_SNAPSHOT, SHUT_DOWN, EMERGENCY_STOP,
                    NO_OPERATION, RESET_AGENT, RESET_SUBAGENT, CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN ->
                    throw new IllegalArgumentException("Not a motor command: " + command.typeName());
        };
    }

    private static Checked<CommandResult> perOrder(EngineState state, Instant now, MotorEnvironment environment,
                                                   List<OrderId> orderIds,
                                                   BiFunction<OrderEventSource, OrderId, Checked<List<KeyedEvent<OrderEvent>>>> decide) {
        return KnownOrders.all(state, orderIds).flatMap(orders -> {
            EngineState current = state;
            List<KeyedEvent<? extends Event>> events = new ArrayList<>();
            for (Order order : orders) {
                Checked<List<KeyedEvent<OrderEvent>>> decided =
                        decide.apply(new OrderEventSource(current, now, Placement.CONTROLLER, environment), order.id());
                if (decided.isFail()) {
                    return Checked.fail(decided.problemOption().orElseThrow());
                }
                Checked<EngineState> next = current.applyEvents(decided.orThrow());
                if (next.isFail()) {
                    return Checked.fail(next.problemOption().orElseThrow());
                }
                current = next.orThrow();
                events.addAll(decided.orThrow());
            }
            return Checked.ok(CommandResult.accepted(events));
        });
    }
}
