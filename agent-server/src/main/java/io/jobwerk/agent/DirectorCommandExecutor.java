package io.jobwerk.agent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.protocol.AgentCommand;
import io.jobwerk.journal.Journal;
import io.jobwerk.runtime.EngineKeeper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries out the commands a Controller sends the Director: {@code ResetSubagent} by the
 * {@link SubagentKeeper}, the others by the keeper with the pure {@link AgentCommandExecutor}
 * ({@code ReleaseEvents} also releases the journal first). After a {@code Reset} is durable, the
 * processes that ran are forgotten: their outcomes then find no order and are dropped.
 */
final class DirectorCommandExecutor {

    private static final long TIMEOUT_SECONDS = 60;

    private final Journal<EngineState> journal;
    private final EngineKeeper keeper;
    private final SubagentKeeper subagents;
    private final AgentCommandExecutor commandExecutor;

    DirectorCommandExecutor(Journal<EngineState> journal, EngineKeeper keeper, SubagentKeeper subagents, AgentCommandExecutor commandExecutor) {
        this.journal = journal;
        this.keeper = keeper;
        this.subagents = subagents;
        this.commandExecutor = commandExecutor;
    }

    Checked<CommandResponse> execute(AgentCommand command) throws Exception {
        if (command instanceof AgentCommand.ReleaseEvents release) {
            journal.release(release.untilEventId());
        }
        if (command instanceof AgentCommand.ResetSubagent reset) {
            return resetSubagent(reset);
        }
        List<Order> processing = new ArrayList<>();
        Checked<CommandResponse> result = keeper.transact(state -> {
            if (command instanceof AgentCommand.Reset) {
                state.orders().values().stream().filter(o -> o.state() instanceof OrderState.Processing).forEach(processing::add);
            }
            return commandExecutor.execute(state, command);
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (result.isOk()) {
            processing.forEach(subagents::forget);
        }
        return result;
    }

    private Checked<CommandResponse> resetSubagent(AgentCommand.ResetSubagent reset) {
        return subagents.resetSubagent(reset.subagentId()).flatMap(lossRecorded -> {
            try {
                lossRecorded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return Checked.ok(CommandResponse.ACCEPTED);
            } catch (TimeoutException | ExecutionException e) {
                return Checked.fail(Problem.of("SubagentResetPending", "Subagent " + reset.subagentId()
                        + ": the loss of its processes is not yet recorded (retried): " + e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Checked.fail(Problem.of("Interrupted", "Interrupted"));
            }
        });
    }
}
