package io.jobwerk.engine.simulation;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeEvent;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.motor.JobQueue;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.OrderEventSource;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs one order through a workflow on the engine's own pure motor, in virtual time, before the
 * workflow is deployed anywhere: jobs end as {@link SimulationConf#outcomes} say after the time they
 * take, prompts are answered (or not), notices exist or not. Nothing is started, nothing is sent.
 *
 * <p>The world is built from the workflow: each lock it demands (limit = its largest demanded
 * count), each board it posts or expects (every order's notice key is {@code simulated}), an empty
 * workflow for each path an AddOrder names. The motor runs in the Controller's standalone placement,
 * so no attach or detach events appear. The simulation ends when nothing more can happen, or at the
 * time or event limit.
 */
public final class Simulator {

    public static final OrderId ORDER_ID = new OrderId("simulated");
    static final SubagentId SUBAGENT = new SubagentId("simulated-subagent");
    static final String NOTICE_KEY = "simulated";
    private static final MotorEnvironment ENV = new MotorEnvironment("SIMULATION", Map.of(), Duration.ofSeconds(15));

    private final Workflow workflow;
    private final SimulationConf conf;
    private EngineState state = EngineState.EMPTY;
    private Instant now;
    private final List<Simulation.SimulatedEvent> events = new ArrayList<>();
    private final TreeMap<Instant, List<OrderId>> processEnds = new TreeMap<>();
    private final Map<OrderId, io.jobwerk.engine.outcome.Outcome.Completed> pendingOutcomes = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();

    private Simulator(Workflow workflow, SimulationConf conf) {
        this.workflow = workflow;
        this.conf = conf;
        this.now = conf.start();
    }

    /** Simulates one order from the workflow's start; a problem if the workflow cannot even be deployed. */
    public static Checked<Simulation> simulate(Workflow workflow, SimulationConf conf) {
        try {
            return Checked.ok(new Simulator(workflow, conf).run());
        } catch (SimulationProblem e) {
            return Checked.fail(e.problem);
        }
    }

    private Simulation run() {
        setUp();
        emit(KeyedEvent.of(ORDER_ID, new OrderEvent.OrderAdded(workflow.id(), conf.arguments(), Optional.empty(), PlanId.GLOBAL,
                Optional.empty(), false, false, Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO)));
        while (true) {
            if (events.size() >= conf.eventLimit()) {
                return end(Simulation.Outcome.LIMIT_REACHED, "stopped after " + events.size() + " events");
            }
            if (step()) {
                continue;
            }
            Optional<Instant> next = nextTime();
            if (next.isEmpty()) {
                return ending();
            }
            if (Duration.between(conf.start(), next.get()).compareTo(conf.timeLimit()) > 0) {
                return end(Simulation.Outcome.LIMIT_REACHED, "nothing happens before the limit of " + conf.timeLimit().toHours() + " h");
            }
            now = next.get();
            completeProcesses();
        }
    }

    private void setUp() {
        deploy(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(workflow, Optional.empty())));
        Map<LockPath, Integer> locks = new LinkedHashMap<>();
        Map<BoardPath, Boolean> boards = new LinkedHashMap<>();
        Map<WorkflowPath, Boolean> added = new LinkedHashMap<>();
        for (Position p : workflow.positions()) {
            Instruction i = workflow.instruction(p).orThrow();
            if (i instanceof Instruction.Lock lock) {
                lock.demands().forEach(d -> locks.merge(d.lockPath(), d.count().orElse(1), Math::max));
            } else if (i instanceof Instruction.PostNotices post) {
                post.boardPaths().forEach(b -> boards.put(b, true));
            } else if (i instanceof Instruction.ExpectNotices expect) {
                expect.boardPaths().boardPaths().forEach(b -> boards.put(b, true));
            } else if (i instanceof Instruction.ConsumeNotices consume) {
                consume.boardPaths().boardPaths().forEach(b -> boards.put(b, true));
            } else if (i instanceof Instruction.AddOrder addOrder && !addOrder.workflowPath().equals(workflow.path())) {
                added.put(addOrder.workflowPath(), true);
            }
        }
        conf.existingNotices().forEach(b -> boards.put(b, true));
        locks.forEach((path, limit) -> deploy(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(new Item.LockItem(path, limit)))));
        Expr key = Expr.of("'" + NOTICE_KEY + "'");
        boards.keySet().forEach(b -> deploy(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(
                new Item.GlobalBoard(b, key, key, Optional.empty())))));
        added.keySet().forEach(path -> deploy(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(
                Workflow.of(new WorkflowId(path, new VersionId("simulated"))), Optional.empty()))));
        conf.existingNotices().forEach(b -> deploy(KeyedEvent.of(b.string(),
                new NoticeEvent.NoticePosted(new Notice(new NoticeId(b, NOTICE_KEY), Optional.empty())))));
    }

    /** One round of the motor over all orders, the prompts answered and the jobs started; whether anything happened. */
    private boolean step() {
        boolean any = false;
        for (OrderId id : state.orders().keySet().stream().sorted().toList()) {
            Order order = state.orders().get(id);
            if (order == null) {
                continue;
            }
            OrderEventSource motor = new OrderEventSource(state, now, Placement.STANDALONE, ENV);
            List<KeyedEvent<OrderEvent>> next = motor.nextEvents(id);
            if (next.isEmpty() && conf.answerPrompts() && order.state().kind() == OrderState.Kind.PROMPTING) {
                next = motor.answerPrompt(id).orElse(List.of());
            }
            if (!next.isEmpty()) {
                next.forEach(this::emit);
                any = true;
            }
        }
        return any || startProcesses();
    }

    private boolean startProcesses() {
        boolean any = false;
        for (OrderId id : new JobQueue(state, now).startable()) {
            Order order = state.orders().get(id);
            Workflow w = state.workflowOf(order).orThrow();
            JobOutcome outcome = nextOutcome(jobKey(w, order.position()));
            emit(KeyedEvent.of(id, new OrderEvent.OrderProcessingStarted(SUBAGENT, false)));
            any = true;
            if (outcome.takes().isZero()) {
                emit(KeyedEvent.of(id, new OrderEvent.OrderProcessed(outcome.outcome())));
            } else {
                processEnds.computeIfAbsent(now.plus(outcome.takes()), t -> new ArrayList<>()).add(id);
                pendingOutcomes.put(id, outcome.outcome());
            }
        }
        return any;
    }

    /** The job's name, or its instruction's label for an anonymous job, or its position. */
    private static String jobKey(Workflow w, Position position) {
        return w.jobName(position).map(Object::toString)
                .or(() -> w.label(position).map(Object::toString))
                .orElse(position.toString());
    }

    private JobOutcome nextOutcome(String job) {
        List<JobOutcome> list = conf.outcomes().get(job);
        if (list == null) {
            return JobOutcome.SUCCEEDS;
        }
        int n = calls.merge(job, 1, Integer::sum);
        return list.get(Math.min(n - 1, list.size() - 1));
    }

    private Optional<Instant> nextTime() {
        Optional<Instant> next = processEnds.isEmpty() ? Optional.empty() : Optional.of(processEnds.firstKey());
        OrderEventSource motor = new OrderEventSource(state, now, Placement.STANDALONE, ENV);
        for (OrderId id : state.orders().keySet()) {
            Optional<Instant> wake = motor.nextWakeTime(id).filter(t -> t.isAfter(now));
            if (wake.isPresent() && (next.isEmpty() || wake.get().isBefore(next.get()))) {
                next = wake;
            }
        }
        return next;
    }

    private void completeProcesses() {
        while (!processEnds.isEmpty() && !processEnds.firstKey().isAfter(now)) {
            for (OrderId id : processEnds.pollFirstEntry().getValue()) {
                emit(KeyedEvent.of(id, new OrderEvent.OrderProcessed(pendingOutcomes.remove(id))));
            }
        }
    }

    private void deploy(KeyedEvent<? extends Event> event) {
        Checked<EngineState> next = state.applyEvent(event);
        if (next.isFail()) {
            throw new SimulationProblem(next.problemOption().orElseThrow());
        }
        state = next.orThrow();
    }

    private void emit(KeyedEvent<? extends Event> event) {
        OrderId id = new OrderId(event.key().orElseThrow());
        Position before = Optional.ofNullable(state.orders().get(id)).map(Order::position).orElse(Position.FIRST);
        deploy(event);
        events.add(new Simulation.SimulatedEvent(now, Duration.between(conf.start(), now), id, before, (OrderEvent) event.event()));
    }

    private Simulation ending() {
        Order order = state.orders().get(ORDER_ID);
        OrderState.Kind kind = order.state().kind();
        return switch (kind) {
            case FINISHED -> end(Simulation.Outcome.FINISHED, "finished");
            case FAILED, FAILED_WHILE_FRESH, FAILED_IN_FORK, BROKEN -> end(Simulation.Outcome.FAILED, "failed at " + order.position());
            case STOPPED, STOPPED_WHILE_FRESH -> end(Simulation.Outcome.STOPPED, "stopped at " + order.position());
            default -> end(Simulation.Outcome.WAITING, "waits for ever at " + order.position() + ", " + kind.typeName());
        };
    }

    private Simulation end(Simulation.Outcome outcome, String description) {
        Order order = state.orders().get(ORDER_ID);
        return new Simulation(events, Duration.between(conf.start(), now),
                new Simulation.Ending(outcome, order.state().kind(), order.position(), description));
    }

    private static final class SimulationProblem extends RuntimeException {
        final Problem problem;

        SimulationProblem(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
