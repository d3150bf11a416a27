package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;

/**
 * Decides a command into events, purely: {@code (state, command, now) → events + response | Problem}.
 * Nothing is persisted or applied here; the caller journals the events, applies them with
 * {@link EngineState#applyEvent} and only then returns the response. The same state, command and
 * {@code now} always give the same result.
 *
 * <p>A command that does not fit the state (unknown order, wrong argument type, non-existing
 * position …) gives a {@link io.jobwerk.engine.base.Problem} whose code names the kind of mistake
 * ({@code UnknownOrder}, {@code MissingOrderArgument}, {@code InvalidPosition} …) and whose message
 * names what is wrong. Exceptions are not thrown for domain errors.
 */
public final class CommandExecutor {
    private CommandExecutor() {}

    /**
     * The events and the response for {@code command} on {@code state}; {@code now} is the decision
     * time. Order commands the motor decides (cancel, suspend, resume, go, answer) see
     * {@link MotorEnvironment#DEFAULT}.
     */
    public static Checked<CommandResult> execute(EngineState state, Command command, Instant now) {
        return execute(state, command, now, MotorEnvironment.DEFAULT);
    }

    /** As {@link #execute(EngineState, Command, Instant)}, with the motor seeing this Controller's environment. */
    public static Checked<CommandResult> execute(EngineState state, Command command, Instant now, MotorEnvironment environment) {
        // A switch expression without default: a new Command.Kind fails compilation here.
        return switch (command.kind()) {
            case ADD_ORDER -> AddOrderExecutor.addOrder(state, (Command.AddOrder) command);
            case ADD_ORDERS -> AddOrderExecutor.addOrders(state, (Command.AddOrders) command);
            case CANCEL_ORDERS, SUSPEND_ORDERS, RESUME_ORDER, RESUME_ORDERS, GO_ORDER, ANSWER_ORDER_PROMPT ->
                    MotorCommandExecutor.execute(state, command, now, environment);
            case DELETE_ORDERS_WHEN_TERMINATED ->
                    DeleteOrdersWhenTerminatedExecutor.execute(state, (Command.DeleteOrdersWhenTerminated) command);
            case CHANGE_ORDER -> ChangeOrderExecutor.execute(state, (Command.ChangeOrder) command);
            case TRANSFER_ORDERS -> TransferOrdersExecutor.execute(state, (Command.TransferOrders) command);
            case POST_NOTICE -> NoticeExecutor.postNotice(state, (Command.PostNotice) command);
            case DELETE_NOTICE -> NoticeExecutor.deleteNotice(state, (Command.DeleteNotice) command);
            case CONTROL_WORKFLOW_PATH -> WorkflowControlExecutor.controlWorkflowPath(state, (Command.ControlWorkflowPath) command);
            case CONTROL_WORKFLOW -> WorkflowControlExecutor.controlWorkflow(state, (Command.ControlWorkflow) command);
            case BATCH -> BatchExecutor.execute(state, (Command.Batch) command, now, environment);
            case RELEASE_EVENTS, TAKE_SNAPSHOT, SHUT_DOWN, EMERGENCY_STOP, NO_OPERATION, RESET_AGENT, RESET_SUBAGENT,
                    CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN -> ServerCommandExecutor.execute(state, command);
        };
    }

    /**
     * Whether the server must carry {@code command} out itself, beyond any events: {@code ReleaseEvents},
     * {@code TakeSnapshot}, {@code ShutDown}, {@code EmergencyStop}, {@code ResetAgent},
     * {@code ResetSubagent}, or a {@code Batch} holding one of them. The engine answers such a command
     * {@code Accepted} when it comes alone (the server acts on it as it sees it) and refuses it inside a
     * Batch with {@code NotInBatch}, where the server would not see it: a server executing a Batch
     * itself carries these commands out in their place and gives the engine the others.
     */
    public static boolean isCarriedOutByServer(Command command) {
        return switch (command.kind()) {
            case RELEASE_EVENTS, TAKE_SNAPSHOT, SHUT_DOWN, EMERGENCY_STOP, RESET_AGENT, RESET_SUBAGENT, CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN -> true;
            case BATCH -> ((Command.Batch) command).commands().stream().anyMatch(CommandExecutor::isCarriedOutByServer);
            case ADD_ORDER, ADD_ORDERS, CANCEL_ORDERS, SUSPEND_ORDERS, RESUME_ORDER, RESUME_ORDERS, GO_ORDER, ANSWER_ORDER_PROMPT,
                    DELETE_ORDERS_WHEN_TERMINATED, CHANGE_ORDER, TRANSFER_ORDERS, POST_NOTICE, DELETE_NOTICE, CONTROL_WORKFLOW_PATH,
                    CONTROL_WORKFLOW, NO_OPERATION -> false;
        };
    }
}
