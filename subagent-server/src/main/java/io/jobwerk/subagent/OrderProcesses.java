package io.jobwerk.subagent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.http.event.MemoryEventFeed;
import io.jobwerk.subagent.process.JobLaunch;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.OutputSink;
import io.jobwerk.subagent.process.RunningProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job processes of a Subagent, keyed by order, reporting into the Subagent's event feed:
 * {@code OrderStdoutWritten}, {@code OrderStderrWritten} and finally {@code OrderProcessed}, each as
 * a {@link ProcessEvent} with the task id of its start.
 * Thread-safe.
 */
public final class OrderProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(OrderProcesses.class);
    private static final int REMEMBERED_TASKS = 10_000;

    /** {@code reported} completes once the process's OrderProcessed is in the feed. */
    private record Task(String taskId, RunningProcess process, java.util.concurrent.CompletableFuture<Void> reported) {}

    private final JobProcessRunner runner;
    private final MemoryEventFeed feed;
    private final Map<OrderId, Task> running = new ConcurrentHashMap<>();
    // Task ids started before, so a repeated StartOrderProcess never starts a task twice. Guarded by itself.
    private final Map<String, Boolean> startedTasks = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_TASKS;
        }
    };

    private volatile boolean refusingStarts;

    public OrderProcesses(JobProcessRunner runner, MemoryEventFeed feed) {
        this.runner = runner;
        this.feed = feed;
    }

    /**
     * Starts the order's process, unless its task was started before: then the answer is the
     * state of that process (a Director resends a start whose answer it lost). A problem when
     * another task of the order still runs.
     */
    public Checked<SubagentCommand.ProcessState> start(OrderId orderId, JobLaunch launch) {
        String taskId = launch.taskId();
        synchronized (startedTasks) {
            if (refusingStarts && !startedTasks.containsKey(taskId)) {
                return Checked.fail(Problem.of(STOPPING, "The Subagent is stopping: task " + taskId + " does not start here"));
            }
            if (startedTasks.containsKey(taskId)) {
                Task task = running.get(orderId);
                return Checked.ok(task != null && task.taskId().equals(taskId) ? SubagentCommand.ProcessState.Running
                        : SubagentCommand.ProcessState.Ended);
            }
            Task other = running.get(orderId);
            if (other != null) {
                return Checked.fail(Problem.of("OrderProcessRunning", "Order " + orderId + " runs task " + other.taskId()
                        + "; task " + taskId + " cannot start"));
            }
            startedTasks.put(taskId, Boolean.TRUE);
            RunningProcess process = runner.start(launch, new OutputSink() {
                @Override
                public void stdout(String chunk) {
                    feed.add(List.of(KeyedEvent.of(orderId, new ProcessEvent(taskId, new OrderEvent.OrderStdoutWritten(chunk)))));
                }

                @Override
                public void stderr(String chunk) {
                    feed.add(List.of(KeyedEvent.of(orderId, new ProcessEvent(taskId, new OrderEvent.OrderStderrWritten(chunk)))));
                }
            });
            Task task = new Task(taskId, process, new java.util.concurrent.CompletableFuture<>());
            running.put(orderId, task);
            process.outcome().whenComplete((outcome, error) -> {
                Outcome o = error == null ? outcome : new Outcome.Failed(Optional.of(rootMessage(error)), Map.of());
                synchronized (startedTasks) { // unseenTasks sees the task running or ended, never neither
                    feed.add(List.of(KeyedEvent.of(orderId, new ProcessEvent(taskId, new OrderEvent.OrderProcessed(o)))));
                    running.remove(orderId, task);
                }
                task.reported().complete(null);
            });
            return Checked.ok(SubagentCommand.ProcessState.Started);
        }
    }

    /** The problem code of a start refused because the Subagent is stopping; the Director takes the process as lost. */
    public static final String STOPPING = "SubagentIsStopping";

    /** From now on, a new task is refused ({@value #STOPPING}); running ones go on. For a graceful stop. */
    public void refuseStarts() {
        refusingStarts = true;
    }

    /** Kills the process of the task if it runs; the order id finds it, a process of another task of the order is left alone. */
    public void kill(OrderId orderId, String taskId, boolean immediately) {
        Task task = running.get(orderId);
        if (task != null && task.taskId().equals(taskId)) {
            task.process().kill(immediately);
        } else {
            LOG.info("KillProcess " + orderId + " " + taskId + ": not running" + (task != null ? " (the order runs task " + task.taskId() + ")" : ""));
        }
    }

    /** Kills every process: SIGTERM, then SIGKILL after each launch's sigkill delay. Returns how many. */
    public int killAll(String why) {
        int n = 0;
        for (Map.Entry<OrderId, Task> e : running.entrySet()) {
            LOG.warn("Killing the process of order " + e.getKey() + " (pid " + e.getValue().process().pid() + "): " + why);
            e.getValue().process().kill(false);
            n++;
        }
        return n;
    }

    /**
     * Kills every process like {@link #killAll} and waits until all have ended (their outcomes are
     * in the feed), at most {@code timeout}; returns whether all ended.
     */
    public boolean killAllAndAwait(String why, java.time.Duration timeout) {
        List<java.util.concurrent.CompletableFuture<?>> ends = running.values().stream()
                .<java.util.concurrent.CompletableFuture<?>>map(Task::reported).toList();
        killAll(why);
        try {
            java.util.concurrent.CompletableFuture.allOf(ends.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int size() {
        return running.size();
    }

    /**
     * The task of each order whose process runs here, or whose {@code OrderProcessed} is among the
     * feed's kept events after {@code observedEventId} (the Director has not recorded that outcome).
     * An outcome at or before it is not listed: the Director could not tell it from that of the
     * order's next task, which it may have started since.
     */
    public Map<OrderId, String> unseenTasks(Optional<Long> observedEventId) {
        Map<OrderId, String> tasks = new java.util.HashMap<>();
        synchronized (startedTasks) { // no start or end in between
            observedEventId.ifPresent(observed -> {
                for (var stamped : feed.read(Math.max(observed, feed.keptAfterEventId()), Integer.MAX_VALUE).orElse(List.of())) {
                    if (stamped.keyedEvent().event() instanceof ProcessEvent e && e.orderEvent() instanceof OrderEvent.OrderProcessed
                            && stamped.keyedEvent().key().isPresent()) {
                        tasks.put(new OrderId(stamped.keyedEvent().key().get()), e.taskId());
                    }
                }
            });
            running.forEach((orderId, task) -> tasks.put(orderId, task.taskId()));
        }
        return tasks;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t instanceof CompletionException) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
