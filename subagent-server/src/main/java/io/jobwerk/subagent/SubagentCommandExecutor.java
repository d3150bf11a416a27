package io.jobwerk.subagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.event.MemoryEventFeed;
import io.jobwerk.scheduler.Scheduler;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the Director's {@link SubagentCommand}s and keeps which Director run the Subagent
 * serves. A {@code CoupleDirector} of a new Director run kills the processes of the earlier run and is
 * answered only once they have ended; one of another Agent's Director is refused while this one is
 * heard from ({@code SubagentAlreadyDedicated}). Without contact for the director timeout
 * ({@link #watchDirector}, ticked by the server), the processes are killed and given up.
 */
final class SubagentCommandExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SubagentCommandExecutor.class);
    // Covers the usual sigkill delay (JS7: 15 s) and the SIGKILL after it.
    private static final Duration COUPLING_KILL_TIMEOUT = Duration.ofSeconds(20);

    private final SubagentConf conf;
    private final String runId;
    private final MemoryEventFeed feed;
    private final OrderProcesses processes;
    private final DirectorWatch directorWatch;
    private final Scheduler scheduler;
    private String directorRunId; // guarded by this
    private String dedicatedTo; // guarded by this: the Agent of the coupled Director, if it said

    SubagentCommandExecutor(SubagentConf conf, String runId, MemoryEventFeed feed, OrderProcesses processes, Scheduler scheduler) {
        this.conf = conf;
        this.runId = runId;
        this.feed = feed;
        this.processes = processes;
        this.directorWatch = new DirectorWatch(conf.directorTimeout());
        this.scheduler = scheduler;
    }

    /** The Director was heard from (any of its requests, the event stream's long-poll included). */
    void contact() {
        directorWatch.contact(scheduler.nanoTime());
    }

    /** Kills and gives up the processes once the Director has been silent for the director timeout. */
    void watchDirector() {
        synchronized (this) { // with the coupling's lock: a coupling either comes first (contact) or finds the processes given up
            if (!directorWatch.lostAt(scheduler.nanoTime())) {
                return;
            }
            // Its processes are given up, not continued: when it couples again it records them as lost (and
            // restarts the jobs) instead of taking over the outcomes of the kills as the jobs' own.
            directorRunId = null;
        }
        int n = processes.killAll("no request of the Director for " + conf.directorTimeout().toMillis() + " ms");
        if (n > 0) {
            LOG.warn("Director lost: killed " + n + " processes");
        }
    }

    /**
     * Decodes and carries out a request's command ({@link SubagentCommandJson}). Every request is the
     * Director's sign of life, but a coupling (which is refused when it is another Agent's Director).
     */
    Checked<JsonNode> execute(Checked<JsonNode> request) {
        Checked<SubagentCommand> command = request.flatMap(SubagentCommandJson::decode);
        if (command.isFail() || command.orThrow().kind() != SubagentCommand.Kind.COUPLE_DIRECTOR) {
            contact();
        }
        return command.flatMap(this::execute);
    }

    private Checked<JsonNode> execute(SubagentCommand command) {
        ObjectNode accepted = EngineJson.MAPPER.createObjectNode().put("TYPE", "Accepted");
        return switch (command.kind()) {
            case COUPLE_DIRECTOR -> couple((SubagentCommand.CoupleDirector) command);
            case START_ORDER_PROCESS -> start((SubagentCommand.StartOrderProcess) command);
            case KILL_PROCESS -> {
                var kill = (SubagentCommand.KillProcess) command;
                processes.kill(kill.orderId(), kill.taskId(), kill.immediately());
                yield Checked.ok(accepted);
            }
            case RELEASE_EVENTS -> {
                feed.release(((SubagentCommand.ReleaseEvents) command).untilEventId());
                yield Checked.ok(accepted);
            }
            case NO_OPERATION -> Checked.ok(accepted);
        };
    }

    private Checked<JsonNode> couple(SubagentCommand.CoupleDirector couple) {
        String director = couple.directorRunId();
        String previous;
        synchronized (this) {
            if (directorRunId != null && dedicatedTo != null && couple.agentPath().isPresent()
                    && !couple.agentPath().get().equals(dedicatedTo)) {
                // Else the other Agent's coupling would kill this one's processes behind its back
                return Checked.fail(Problem.of("SubagentAlreadyDedicated", "This Subagent serves Agent '"
                        + dedicatedTo + "'; Agent '" + couple.agentPath().get() + "' may have it once that Agent's Director"
                        + " has been silent for the director timeout (" + conf.directorTimeout().toMillis() + " ms) or the Subagent"
                        + " is restarted", Map.of("agentPath", dedicatedTo)));
            }
            previous = directorRunId;
            directorRunId = director;
            dedicatedTo = couple.agentPath().orElse(null);
            contact();
        }
        boolean continued = director.equals(previous);
        // Also after a silence (previous is null then): the kills' outcomes are in the feed before lastEventId is answered
        if (!continued && processes.size() > 0) {
            // Answer only when they are gone: the new run may start the same jobs right after.
            if (!processes.killAllAndAwait("a new run of the Director coupled; the previous run gave up its processes",
                    COUPLING_KILL_TIMEOUT)) {
                LOG.warn("Processes of the previous Director run did not end within " + COUPLING_KILL_TIMEOUT);
            }
        }
        if (continued) {
            LOG.info("Director " + director + " coupled again; its " + processes.size() + " processes go on");
        }
        return Checked.ok(SubagentCommandJson.encode(new SubagentCommand.DirectorCoupled(
                runId, conf.directorTimeout().toMillis(), feed.lastEventId(), continued, feed.keptAfterEventId(),
                continued ? processes.unseenTasks(couple.observedEventId()) : Map.of())));
    }

    private Checked<JsonNode> start(SubagentCommand.StartOrderProcess start) {
        if (start.subagentRunId().isPresent() && !start.subagentRunId().get().equals(runId)) {
            return Checked.fail(Problem.of("SubagentRunIdMismatch", "StartOrderProcess " + start.launch().taskId()
                    + " was meant for Subagent run " + start.subagentRunId().get() + "; this is run " + runId));
        }
        return processes.start(start.orderId(), start.launch()).map(state -> SubagentCommandJson.encode(
                new SubagentCommand.StartOrderProcessResponse(start.launch().taskId(), state)));
    }
}
