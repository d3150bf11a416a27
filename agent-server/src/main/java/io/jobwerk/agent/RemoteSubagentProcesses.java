package io.jobwerk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import io.jobwerk.subagent.SubagentCommand;
import io.jobwerk.subagent.SubagentCommandJson;
import io.jobwerk.subagent.process.JobLaunch;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RemoteSubagentDriver}'s process commands. Starts go out on one thread; an unanswered start
 * is sent again with the same task id until answered (the Subagent never starts a task twice), each
 * resend scheduled rather than waited for on that thread. Kills go out on their own thread, keyed by
 * task id, so they never queue behind starts; a kill of a task whose start is not yet answered is
 * sent at once (the process may run) and again once the start is answered.
 */
final class RemoteSubagentProcesses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSubagentDriver.class);

    private final Item.SubagentItem item;
    private final EngineClient client;
    private final EngineKeeper keeper;
    private final RemoteSubagentRecorder recorder;
    private final Map<OrderId, String> expectedTasks;
    private final Supplier<Optional<String>> subagentRunId;
    private final Runnable onGone;
    private final ExecutorService commands;
    private final ExecutorService kills;
    private final TaskQueue retries;
    // Task ids whose start has not been answered yet, and kills of such tasks to send again once it is.
    private final Set<String> unansweredStarts = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> pendingKills = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param expectedTasks the task each order processing here runs (shared with the driver)
     * @param subagentRunId the Subagent's run as coupled, sent with each start
     * @param onGone        a start was refused as by a gone Subagent: it is to be unavailable at once
     */
    RemoteSubagentProcesses(Item.SubagentItem item, EngineClient client, EngineKeeper keeper, RemoteSubagentRecorder recorder,
                            Map<OrderId, String> expectedTasks, Scheduler scheduler, Supplier<Optional<String>> subagentRunId,
                            Runnable onGone) {
        this.item = item;
        this.client = client;
        this.keeper = keeper;
        this.recorder = recorder;
        this.expectedTasks = expectedTasks;
        this.subagentRunId = subagentRunId;
        this.onGone = onGone;
        this.commands = scheduler.pool("subagent-driver-" + item.id() + "-commands", 1);
        this.kills = scheduler.pool("subagent-driver-" + item.id() + "-kills", 1);
        this.retries = scheduler.queue("subagent-driver-" + item.id() + "-retries");
    }

    /**
     * Sends the start until the Subagent answers: an unanswered start may have started the process
     * there, so the same task is sent again (the Subagent starts a task once and answers a repeated
     * start with its state), never declared lost for a timeout. Only a Subagent that is really gone
     * (refused connection, another run) or was given up by the event thread loses the process.
     */
    void start(OrderId orderId, JobLaunch launch) {
        expectedTasks.put(orderId, launch.taskId());
        unansweredStarts.add(launch.taskId());
        SubagentCommand.StartOrderProcess command = new SubagentCommand.StartOrderProcess(orderId, launch, subagentRunId.get());
        commands.execute(() -> sendStart(command, 0));
    }

    /** One attempt; an unanswered start is scheduled again, so the command thread is free meanwhile. */
    private void sendStart(SubagentCommand.StartOrderProcess command, int attempt) {
        OrderId orderId = command.orderId();
        String taskId = command.launch().taskId();
        if (closed || !taskId.equals(expectedTasks.get(orderId))) {
            answered(taskId); // the Director has recorded an outcome meanwhile (the Subagent was lost, or the process ended)
            return;
        }
        Checked<JsonNode> response = client.command(SubagentCommandJson.encode(command));
        if (response.isOk()) {
            if (attempt > 0) {
                LOG.info("Subagent " + item.id() + ": StartOrderProcess " + orderId + " " + taskId + " answered: " + response.orThrow());
            }
            Boolean killImmediately = answered(taskId);
            if (killImmediately != null) {
                // The kill may have reached the Subagent before this start did.
                sendKill(orderId, taskId, killImmediately, 0);
            }
            return;
        }
        Problem problem = response.problemOption().orElseThrow();
        if (isUnanswered(problem)) {
            LOG.warn("Subagent " + item.id() + ": StartOrderProcess " + orderId + " " + taskId + " unanswered, sending it again: " + problem);
            schedule(commands, () -> sendStart(command, attempt + 1), attempt);
            return;
        }
        answered(taskId);
        LOG.warn("Subagent " + item.id() + ": StartOrderProcess " + orderId + " " + taskId + ": " + problem);
        boolean lost = problem.code().equals("ConnectionRefused") || problem.code().equals("SubagentRunIdMismatch")
                || problem.code().equals(io.jobwerk.subagent.OrderProcesses.STOPPING);
        if (lost) {
            // Unavailable before the loss is recorded, else the restart may choose this Subagent again. The event
            // thread couples again: it notices the new run or the refusal and records the other processes as lost.
            onGone.run();
        }
        Outcome outcome = lost ? RemoteSubagentRecorder.processLost(problem) : new Outcome.Failed(Optional.of(problem.message()), Map.of());
        OrderProcessedRecording.record(keeper, () -> "Subagent " + item.id() + ": OrderProcessed of " + orderId + " " + taskId, orderId, outcome,
                        state -> recorder.isExpected(state, orderId, taskId))
                .thenAccept(r -> ended(orderId, taskId, r));
    }

    /** The start of the task needs no further attempt; returns a kill asked for meanwhile ({@code immediately}), if any. */
    private synchronized Boolean answered(String taskId) {
        unansweredStarts.remove(taskId);
        return pendingKills.remove(taskId);
    }

    private void schedule(ExecutorService executor, Runnable runnable, int attempt) {
        if (closed) {
            return;
        }
        retries.schedule(RemoteSubagentDriver.RECONNECT_DELAYS.delay(attempt), () -> { // dropped when closed meanwhile
            if (!closed) {
                executor.execute(runnable);
            }
        });
    }

    /**
     * The start may or may not have reached the Subagent; also a process of an earlier attempt still
     * being killed there ({@code OrderProcessRunning}) is waited for.
     */
    private static boolean isUnanswered(Problem problem) {
        return switch (problem.code()) {
            case "ConnectionFailed", "ServiceUnavailable", "HttpError", "OrderProcessRunning" -> true;
            default -> false;
        };
    }

    private void ended(OrderId orderId, String taskId, Checked<?> persisted) {
        if (persisted.isOk()) {
            expectedTasks.remove(orderId, taskId);
        } else {
            LOG.warn("Subagent " + item.id() + ": OrderProcessed of " + orderId + " " + taskId + " not recorded: "
                    + persisted.problemOption().orElseThrow());
        }
    }

    /** Kills the task the order is processing here now; a kill arriving late never hits a later task of the order. */
    void kill(OrderId orderId, boolean immediately) {
        String taskId = expectedTasks.get(orderId);
        if (taskId == null) {
            LOG.info("Subagent " + item.id() + ": KillProcess " + orderId + ": no process of the order is known here");
            return;
        }
        synchronized (this) {
            if (unansweredStarts.contains(taskId)) {
                pendingKills.merge(taskId, immediately, Boolean::logicalOr);
            }
        }
        kills.execute(() -> sendKill(orderId, taskId, immediately, 0));
    }

    private void sendKill(OrderId orderId, String taskId, boolean immediately, int attempt) {
        if (closed || !taskId.equals(expectedTasks.get(orderId))) {
            return; // the task has an outcome
        }
        Checked<JsonNode> response = client.command(SubagentCommandJson.encode(new SubagentCommand.KillProcess(orderId, taskId, immediately)));
        response.problemOption().ifPresent(p -> {
            LOG.warn("Subagent " + item.id() + ": KillProcess " + orderId + " " + taskId + ": " + p);
            if (isUnanswered(p)) {
                schedule(kills, () -> sendKill(orderId, taskId, immediately, attempt + 1), attempt); // a kill of a task is idempotent
            }
        });
    }

    /** Kills a process the Subagent listed that is no job of this Director now. */
    void killLeftover(OrderId orderId, String taskId) {
        LOG.warn("Subagent " + item.id() + ": the process of " + orderId + " " + taskId + " is no job of this Director now; killing it");
        kills.execute(() -> client.command(SubagentCommandJson.encode(new SubagentCommand.KillProcess(orderId, taskId, true))));
    }

    @Override
    public void close() {
        closed = true;
        commands.shutdownNow();
        kills.shutdownNow();
        retries.closeNow();
    }
}
