package io.jobwerk.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.base.ProblemException;
import io.jobwerk.engine.command.AgentReset;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandExecutor;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.history.DailyPlanService;
import io.jobwerk.history.HistoryService;
import io.jobwerk.http.protocol.AgentCommand;
import io.jobwerk.journal.Journal;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineKeeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Carries out the Controller's commands other than a lone {@code ShutDown}: the server commands
 * ({@code TakeSnapshot}, {@code ReleaseEvents}, {@code ResetAgent}, {@code ResetSubagent}, the daily
 * plan's) here, the others by the keeper.
 *
 * <p>A {@code Batch} holding server commands runs in order, each command answered in its place of the
 * {@code BatchResponse} (as JS7): the engine commands between server commands go to the keeper
 * together, and a server command is carried out once those before it are committed. {@code ShutDown}
 * and {@code EmergencyStop} are refused inside a Batch ({@code NotInBatch}): the Controller would stop
 * before it answered the Batch.
 */
final class ControllerCommandExecutor {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final EngineKeeper keeper;
    private final Journal<EngineState> journal;
    private final HistoryService history;
    private final DailyPlanService dailyPlan;
    private final AgentDrivers drivers;

    ControllerCommandExecutor(EngineKeeper keeper, Journal<EngineState> journal, HistoryService history, DailyPlanService dailyPlan,
            AgentDrivers drivers) {
        this.keeper = keeper;
        this.journal = journal;
        this.history = history;
        this.dailyPlan = dailyPlan;
        this.drivers = drivers;
    }

    Checked<CommandResponse> execute(Command command) throws Exception {
        return switch (command.kind()) {
            case TAKE_SNAPSHOT -> takeSnapshot();
            case RELEASE_EVENTS -> releaseEvents((Command.ReleaseEvents) command);
            case RESET_AGENT -> resetAgent((Command.ResetAgent) command);
            case RESET_SUBAGENT -> resetSubagent((Command.ResetSubagent) command);
            case SHUT_DOWN, EMERGENCY_STOP -> Checked.fail(Problem.of("NotInBatch", command.typeName() + " must be sent alone, not inside a Batch",
                    Map.of("command", command.typeName())));
            case BATCH -> CommandExecutor.isCarriedOutByServer(command) ? executeBatch((Command.Batch) command) : keeperExecute(command);
            case CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN ->
                    dailyPlan.execute((Command.DailyPlanCommand) command);
            case ADD_ORDER, ADD_ORDERS, CANCEL_ORDERS, SUSPEND_ORDERS, RESUME_ORDER, RESUME_ORDERS, GO_ORDER, ANSWER_ORDER_PROMPT,
                    DELETE_ORDERS_WHEN_TERMINATED, CHANGE_ORDER, TRANSFER_ORDERS, POST_NOTICE, DELETE_NOTICE, CONTROL_WORKFLOW_PATH,
                    CONTROL_WORKFLOW, NO_OPERATION -> keeperExecute(command);
        };
    }

    /** A command the keeper alone carries out (the daily plan's submits go this way). */
    Checked<CommandResponse> keeperExecute(Command command) throws Exception {
        return keeper.execute(command).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private Checked<CommandResponse> executeBatch(Command.Batch batch) throws Exception {
        List<Checked<CommandResponse>> responses = new ArrayList<>();
        List<Command> forKeeper = new ArrayList<>();
        for (Command command : batch.commands()) {
            if (CommandExecutor.isCarriedOutByServer(command)) {
                executeTogether(forKeeper, responses);
                responses.add(execute(command));
            } else {
                forKeeper.add(command);
            }
        }
        executeTogether(forKeeper, responses);
        return Checked.ok(new CommandResponse.BatchResponse(responses));
    }

    /** Executes {@code commands} as one Batch of the keeper, adds their responses and clears the list. */
    private void executeTogether(List<Command> commands, List<Checked<CommandResponse>> responses) throws Exception {
        if (commands.isEmpty()) {
            return;
        }
        Checked<CommandResponse> response = keeperExecute(new Command.Batch(commands));
        if (response.isOk()) {
            responses.addAll(((CommandResponse.BatchResponse) response.orThrow()).responses());
        } else {
            commands.forEach(c -> responses.add(response));
        }
        commands.clear();
    }

    /**
     * {@code ReleaseEvents}: the journal may delete the events up to {@code untilEventId}, but never
     * one the history has not stored (JS7 deletes only what every registered reader released): the
     * command waits up to 10 s for the history to store them, then releases what it has stored.
     */
    private Checked<CommandResponse> releaseEvents(Command.ReleaseEvents command) throws InterruptedException {
        long until = Math.min(command.untilEventId(), journal.lastEventId());
        history.awaitStored(until, Duration.ofSeconds(10));
        journal.release(Math.min(until, history.storedEventId()));
        return Checked.ok(CommandResponse.ACCEPTED);
    }

    /** {@code TakeSnapshot}: a checkpoint of the journal, written when this answers. */
    private Checked<CommandResponse> takeSnapshot() throws Exception {
        try {
            journal.checkpoint().get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return Checked.ok(CommandResponse.ACCEPTED);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProblemException p) {
                return Checked.fail(p.problem());
            }
            throw e;
        }
    }

    /**
     * {@code ResetAgent}: the Agent is told to reset (kill its processes, forget its orders, workflows
     * and items); its {@code AgentReset} event, mirrored, takes the orders back, and the motor attaches
     * them anew. With {@code force}, an Agent that cannot be told is reset in the Controller's view
     * alone: its orders come back at once (the Agent must then start on empty data, as in JS7).
     */
    private Checked<CommandResponse> resetAgent(Command.ResetAgent command) throws Exception {
        var driver = drivers.driver(command.agentPath());
        if (driver.isEmpty()) {
            return keeper.state().agentRef(command.agentPath()).flatMap(a -> Checked.fail(Problem.of("AgentNotCoupled",
                    "Agent '" + command.agentPath() + "' has no Director to reset", Map.of("agentPath", command.agentPath().string()))));
        }
        Checked<JsonNode> told = driver.get().reset();
        if (told.isOk()) {
            return Checked.ok(CommandResponse.ACCEPTED);
        }
        if (!command.force()) {
            return Checked.fail(told.problemOption().orElseThrow().withPrefix("Agent '" + command.agentPath()
                    + "' cannot be reset (force resets the Controller's view alone)"));
        }
        return keeper.transact(state -> Checked.ok(Decision.of(AgentReset.orderEvents(state, command.agentPath()), (CommandResponse) CommandResponse.ACCEPTED)))
                .get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * {@code ResetSubagent}: forwarded to the Director of the Subagent's Agent, which records the
     * processes running there as lost (their jobs restart) and dedicates the Subagent anew. A problem
     * when the Subagent is unknown or its Agent cannot be told.
     */
    private Checked<CommandResponse> resetSubagent(Command.ResetSubagent command) {
        return keeper.state().subagent(command.subagentId()).flatMap(item -> drivers.driver(item.agentPath())
                .map(driver -> driver.commandOnce(new AgentCommand.ResetSubagent(command.subagentId(), command.force()))
                        .map(json -> (CommandResponse) CommandResponse.ACCEPTED))
                .orElseGet(() -> Checked.fail(Problem.of("AgentNotCoupled", "Agent '" + item.agentPath() + "' of Subagent "
                        + command.subagentId() + " has no Director", Map.of("agentPath", item.agentPath().string())))));
    }
}
