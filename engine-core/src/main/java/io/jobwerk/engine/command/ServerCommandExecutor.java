package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.state.EngineState;

/**
 * Server commands ({@code ReleaseEvents}, {@code TakeSnapshot}, {@code ShutDown}, {@code EmergencyStop},
 * {@code NoOperation}, {@code ResetAgent}, {@code ResetSubagent}) sent alone: the engine decides no
 * events for them and answers {@code Accepted}; the server carries them out (releases the journal,
 * writes a snapshot, stops, resets the Agent driver …). {@code ResetAgent} and {@code ResetSubagent}
 * fail with {@code UnknownItem} when the Agent or Subagent is not known. Inside a Batch the engine
 * refuses them ({@link BatchExecutor}).
 */
final class ServerCommandExecutor {
    private ServerCommandExecutor() {}

    static Checked<CommandResult> execute(EngineState state, Command command) {
        return switch (command.kind()) {
            case RESET_AGENT -> state.agentRef(((Command.ResetAgent) command).agentPath()).map(a -> CommandResult.accepted());
            case RESET_SUBAGENT -> state.subagent(((Command.ResetSubagent) command).subagentId()).map(s -> CommandResult.accepted());
            case RELEASE_EVENTS, TAKE_SNAPSHOT, SHUT_DOWN, EMERGENCY_STOP, NO_OPERATION, CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN ->
                    Checked.ok(CommandResult.accepted());
            case ADD_ORDER, ADD_ORDERS, CANCEL_ORDERS, SUSPEND_ORDERS, RESUME_ORDER, RESUME_ORDERS, GO_ORDER, ANSWER_ORDER_PROMPT,
                    DELETE_ORDERS_WHEN_TERMINATED, CHANGE_ORDER, TRANSFER_ORDERS, POST_NOTICE, DELETE_NOTICE, CONTROL_WORKFLOW_PATH,
                    CONTROL_WORKFLOW, BATCH -> throw new IllegalArgumentException("Not a server command: " + command.typeName());
        };
    }
}
