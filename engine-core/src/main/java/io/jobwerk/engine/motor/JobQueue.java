package io.jobwerk.engine.motor;

import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.state.WorkflowPathControl;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which Ready orders at an Execute instruction may start a job process now, and why the others may
 * not ({@link OrderObstacle}). Limits: the job's {@code processLimit} (jobs are keyed by workflow
 * version and job name, anonymous jobs by their position), the Agent's {@code processLimit}; the
 * job's admission time in the workflow's time zone (bypassed by {@code forceAdmission}); a
 * suspended workflow path; suspended or marked orders. Candidates are served by priority (higher
 * first), then by OrderId, because the state records no age.
 */
public final class JobQueue {

    private final EngineState state;
    private final Instant now;
    private final Map<WorkflowId, Map<Position, Optional<JobAt>>> jobs = new HashMap<>(); // memo of job(order)
    private MotorContext motorContext; // created on first use
    private ProcessCounts processCounts; // counted on first use by obstacles(OrderId)

    public JobQueue(EngineState state, Instant now) {
        this.state = Objects.requireNonNull(state, "state");
        this.now = Objects.requireNonNull(now, "now");
    }

    /**
     * The result of one look at all orders: those that may start a process now (in the order to
     * start them), and how many other candidates wait (for a limit, an admission time).
     */
    public record Selection(List<OrderId> startable, int waiting) {
        public Selection {
            startable = List.copyOf(startable);
        }
    }

    /** The orders that may start a process now, in the order to start them; the limits hold for all of them together. */
    public List<OrderId> startable() {
        return select().startable();
    }

    /** {@link #startable()} and the number of candidates left waiting. */
    public Selection select() {
        return select(state.orders().values());
    }

    /**
     * {@link #select()} looking only at {@code orders}, which must hold every order this queue
     * {@link #concerns} (the others do not change the result): lets a caller that tracks them avoid
     * looking at all orders.
     */
    public Selection select(Iterable<Order> orders) {
        List<Order> ready = new ArrayList<>();
        List<Order> processing = new ArrayList<>();
        for (Order order : orders) {
            (order.isState(OrderState.Kind.PROCESSING) ? processing : ready).add(order);
        }
        return select(ready, processing.size(), () -> processing);
    }

    /**
     * {@link #select()} for a caller that tracks the orders: {@code ready} must hold every Ready
     * order at a job (others are ignored), {@code processing} every Processing order, and
     * {@code processingCount} is their number. The Processing orders are looked at only when a
     * process limit could be reached, so a look costs O(ready) while no limit is near.
     */
    public Selection select(Iterable<Order> ready, int processingCount, Supplier<Iterable<Order>> processing) {
        List<Order> candidates = new ArrayList<>();
        for (Order order : ready) {
            if (isCandidate(order)) {
                candidates.add(order);
            }
        }
        if (candidates.isEmpty()) {
            return new Selection(List.of(), 0);
        }
        Map<String, Integer> jobCounts = new HashMap<>();
        Map<AgentPath, Integer> agentCounts = new HashMap<>();
        if (mayReachLimit(candidates, processingCount + candidates.size())) {
            for (Order order : processing.get()) {
                job(order).ifPresent(j -> {
                    jobCounts.merge(j.key, 1, Integer::sum);
                    agentCounts.merge(j.job.agentPath(), 1, Integer::sum);
                });
            }
        }
        candidates.sort(Comparator.comparing(Order::priority).reversed().thenComparing(Order::id));
        List<OrderId> result = new ArrayList<>();
        for (Order order : candidates) {
            JobAt j = job(order).orElseThrow();
            if (obstacles(order, j, jobCounts, agentCounts).isEmpty()) {
                result.add(order.id());
                jobCounts.merge(j.key, 1, Integer::sum);
                agentCounts.merge(j.job.agentPath(), 1, Integer::sum);
            }
        }
        return new Selection(result, candidates.size() - result.size());
    }

    /** Whether a job's or Agent's process limit of a candidate is below {@code total}, the most processes there can be. */
    private boolean mayReachLimit(List<Order> candidates, int total) {
        for (Order order : candidates) {
            WorkflowJob job = job(order).orElseThrow().job;
            if (job.processLimit() < total) {
                return true;
            }
            Optional<Integer> agentLimit = state.agentRef(job.agentPath()).toOptional().flatMap(Item.AgentRef::processLimit);
            if (agentLimit.isPresent() && agentLimit.get() < total) {
                return true;
            }
        }
        return false;
    }

    /** Whether the order counts for {@link #select}: it is Processing, or Ready at a job. */
    public boolean concerns(Order order) {
        return order.isState(OrderState.Kind.PROCESSING)
                || (order.isState(OrderState.Kind.READY) && job(order).isPresent());
    }

    /** Why the order does not start a process now; empty when it may (or is not at a job). */
    public List<OrderObstacle> obstacles(OrderId orderId) {
        Order order = state.orders().get(orderId);
        if (order == null) {
            return List.of();
        }
        if (order.isSuspended() || order.isState(OrderState.Kind.PROMPTING) || order.state().isFailedOrStopped()) {
            return List.of(new OrderObstacle.WaitingForCommand());
        }
        if (!order.isState(OrderState.Kind.READY)) {
            return List.of();
        }
        Optional<JobAt> j = job(order);
        if (j.isEmpty()) {
            return List.of();
        }
        ProcessCounts counts = processCounts();
        return obstacles(order, j.get(), counts.jobs, counts.agents);
    }

    /** The Processing orders per job and per Agent, counted on first use: the state does not change, so asking for many orders walks the orders once. */
    private ProcessCounts processCounts() {
        if (processCounts == null) {
            Map<String, Integer> jobCounts = new HashMap<>();
            Map<AgentPath, Integer> agentCounts = new HashMap<>();
            for (Order o : state.orders().values()) {
                if (o.isState(OrderState.Kind.PROCESSING)) {
                    job(o).ifPresent(x -> {
                        jobCounts.merge(x.key, 1, Integer::sum);
                        agentCounts.merge(x.job.agentPath(), 1, Integer::sum);
                    });
                }
            }
            processCounts = new ProcessCounts(jobCounts, agentCounts);
        }
        return processCounts;
    }

    private record ProcessCounts(Map<String, Integer> jobs, Map<AgentPath, Integer> agents) {}

    /**
     * When the order, Ready at a job outside the job's admission times, is admitted next: the
     * {@link OrderObstacle.WaitingForAdmission} of {@link #obstacles(OrderId)}, without counting processes.
     */
    public Optional<Instant> admissionWait(OrderId orderId) {
        Order order = state.orders().get(orderId);
        if (order == null || order.isSuspended() || order.state().isFailedOrStopped()
                || !order.isState(OrderState.Kind.READY) || order.forceAdmission()) {
            return Optional.empty();
        }
        Optional<JobAt> j = job(order);
        if (j.isEmpty() || j.get().job.admissionTimeScheme().isEmpty()) {
            return Optional.empty();
        }
        AdmissionTimeScheme scheme = j.get().job.admissionTimeScheme().get();
        if (scheme.isAdmitted(now, j.get().workflow.timeZone())) {
            return Optional.empty();
        }
        return scheme.currentOrNextInterval(now, j.get().workflow.timeZone()).map(i -> i.start());
    }

    private List<OrderObstacle> obstacles(Order order, JobAt j, Map<String, Integer> jobCounts, Map<AgentPath, Integer> agentCounts) {
        List<OrderObstacle> list = new ArrayList<>();
        if (state.pathControl(order.workflowId().path()).map(WorkflowPathControl::suspended).orElse(false)) {
            list.add(new OrderObstacle.WorkflowSuspended());
        }
        if (j.job.admissionTimeScheme().isPresent() && !order.forceAdmission()) {
            AdmissionTimeScheme scheme = j.job.admissionTimeScheme().get();
            if (!scheme.isAdmitted(now, j.workflow.timeZone())) {
                scheme.currentOrNextInterval(now, j.workflow.timeZone())
                        .ifPresent(i -> list.add(new OrderObstacle.WaitingForAdmission(i.start())));
            }
        }
        if (jobCounts.getOrDefault(j.key, 0) >= j.job.processLimit()) {
            list.add(new OrderObstacle.JobProcessLimitReached());
        }
        Optional<Integer> agentLimit = state.agentRef(j.job.agentPath()).toOptional().flatMap(Item.AgentRef::processLimit);
        if (agentLimit.isPresent() && agentCounts.getOrDefault(j.job.agentPath(), 0) >= agentLimit.get()) {
            list.add(new OrderObstacle.AgentProcessLimitReached());
        }
        return list;
    }

    private boolean isCandidate(Order order) {
        return order.isState(OrderState.Kind.READY) && !order.isSuspended()
                && order.mark().map(m -> m.kind() != io.jobwerk.engine.order.OrderMark.Kind.CANCELLING
                        && m.kind() != io.jobwerk.engine.order.OrderMark.Kind.SUSPENDING).orElse(true)
                && job(order).isPresent()
                && !wouldMove(order);
    }

    /** Whether the motor moves the order away from its job without running it (skip, breakpoint, stop position). */
    private boolean wouldMove(Order order) {
        if (motorContext == null) {
            motorContext = new MotorContext(state, now, Placement.STANDALONE, MotorEnvironment.DEFAULT);
        }
        MotorContext ctx = motorContext;
        Workflow workflow = state.workflows().get(order.workflowId());
        Instruction instruction = workflow.instruction(order.position()).orThrow();
        return ctx.isSkipped(workflow, instruction) || ctx.isBreakpoint(order, order.position())
                || ctx.isStopPosition(order, workflow, order.position());
    }

    private record JobAt(String key, WorkflowJob job, Workflow workflow) {}

    private Optional<JobAt> job(Order order) {
        return jobs.computeIfAbsent(order.workflowId(), w -> new HashMap<>())
                .computeIfAbsent(order.position(), p -> jobAt(order.workflowId(), p));
    }

    private Optional<JobAt> jobAt(WorkflowId workflowId, Position p) {
        Workflow workflow = state.workflows().get(workflowId);
        if (workflow == null) {
            return Optional.empty();
        }
        Instruction instruction = workflow.instruction(p).toOptional().orElse(null);
        if (!(instruction instanceof Instruction.ExecuteNamed) && !(instruction instanceof Instruction.ExecuteAnonymous)) {
            return Optional.empty();
        }
        String key = workflow.id() + ":" + workflow.jobName(p).map(n -> n.string()).orElse(p.toString());
        return workflow.job(p).toOptional().map(job -> new JobAt(key, job, workflow));
    }
}
