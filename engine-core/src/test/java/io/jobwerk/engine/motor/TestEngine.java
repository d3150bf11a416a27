package io.jobwerk.engine.motor;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A whole engine in a test: an EngineState, a virtual clock, the motor loop and a fake job runner.
 * Every event is recorded so tests can assert exact sequences and replay them.
 */
final class TestEngine {
    static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    static final SubagentId SUBAGENT = new SubagentId("subagent-1");

    EngineState state = EngineState.EMPTY;
    Instant now = START;
    final List<KeyedEvent<? extends Event>> journal = new ArrayList<>();
    final MotorEnvironment env = new MotorEnvironment("CONTROLLER-ID", Map.of("HOME", "/home/test"), Duration.ofSeconds(15));
    /** With agents: detached orders are moved by the Controller, attached ones by their Agent; the harness plays the link. */
    boolean withAgents = false;
    private final Map<String, Function<Order, Outcome>> jobs = new HashMap<>();
    private final Map<String, Deque<Outcome>> scripted = new HashMap<>();
    private final Set<String> heldJobs = new HashSet<>();
    /** Orders whose process the runner has started and will not complete by itself. */
    final Set<OrderId> running = new HashSet<>();

    TestEngine deploy(Workflow workflow) {
        emit(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(workflow)));
        return this;
    }

    TestEngine deploy(Item item) {
        emit(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(item)));
        return this;
    }

    TestEngine control(WorkflowControlEvent event) {
        emit(KeyedEvent.keyless(event));
        return this;
    }

    /** The job of that name returns this outcome (default: Succeeded with returnCode 0). */
    TestEngine job(String name, Function<Order, Outcome> outcome) {
        jobs.put(name, outcome);
        return this;
    }

    /** The next calls of the job return these outcomes, one each; then the job's function. */
    TestEngine script(String name, Outcome... outcomes) {
        scripted.computeIfAbsent(name, n -> new ArrayDeque<>()).addAll(List.of(outcomes));
        return this;
    }

    /** Processes of this job start but do not end until {@link #complete}. */
    TestEngine hold(String name) {
        heldJobs.add(name);
        return this;
    }

    TestEngine release(String name) {
        heldJobs.remove(name);
        return this;
    }

    void complete(String orderId, Outcome outcome) {
        OrderId id = new OrderId(orderId);
        running.remove(id);
        emit(KeyedEvent.of(id, new OrderEvent.OrderProcessed(outcome)));
        run();
    }

    TestEngine addOrder(FreshOrder o) {
        emit(KeyedEvent.of(o.id(), new OrderEvent.OrderAdded(state.currentWorkflow(o.workflowPath()).orThrow().id(), o.arguments(),
                o.scheduledFor(), o.planId(), Optional.empty(), o.deleteWhenTerminated(), o.forceAdmission(), o.innerBlock(),
                o.startPosition(), o.stopPositions(), o.priority())));
        run();
        return this;
    }

    TestEngine addOrder(String id, String workflowPath) {
        return addOrder(FreshOrder.of(id, workflowPath));
    }

    void advance(Duration d) {
        now = now.plus(d);
        run();
    }

    void emit(KeyedEvent<? extends Event> event) {
        state = state.applyEvent(event).orThrow();
        journal.add(event);
    }

    void emitAll(List<? extends KeyedEvent<? extends Event>> events) {
        events.forEach(this::emit);
        run();
    }

    OrderEventSource motorFor(Order order) {
        Placement placement = !withAgents ? Placement.STANDALONE
                : order.attachedState().map(a -> Placement.agent(a.agentPath())).orElse(Placement.CONTROLLER);
        return new OrderEventSource(state, now, placement, env);
    }

    OrderEventSource motor() {
        return new OrderEventSource(state, now, Placement.STANDALONE, env);
    }

    /** The motor loop with the Agent link and the job runner, until nothing happens. */
    void run() {
        for (int round = 0; round < 10_000; round++) {
            if (!stepAll()) {
                return;
            }
        }
        throw new AssertionError("The engine does not come to rest");
    }

    private boolean stepAll() {
        boolean any = false;
        for (OrderId id : state.orders().keySet().stream().sorted().toList()) {
            Order order = state.orders().get(id);
            if (order == null) {
                continue;
            }
            if (withAgents && link(order)) {
                any = true;
                continue;
            }
            List<KeyedEvent<OrderEvent>> events = motorFor(order).nextEvents(id);
            if (!events.isEmpty()) {
                events.forEach(this::emit);
                any = true;
            }
        }
        if (any) {
            return true;
        }
        return startProcesses();
    }

    private boolean link(Order order) {
        Optional<AttachedState> a = order.attachedState();
        if (a.isPresent() && a.get() instanceof AttachedState.Attaching attaching) {
            emit(KeyedEvent.of(order.id(), new OrderEvent.OrderAttached(attaching.agentPath())));
            return true;
        }
        if (a.isPresent() && a.get() instanceof AttachedState.Detaching) {
            emit(KeyedEvent.of(order.id(), new OrderEvent.OrderDetached()));
            return true;
        }
        return false;
    }

    private boolean startProcesses() {
        boolean any = false;
        for (OrderId id : new JobQueue(state, now).startable()) {
            Order order = state.orders().get(id);
            Workflow workflow = state.workflowOf(order).orThrow();
            AgentPath agent = workflow.job(order.position()).orThrow().agentPath();
            if (withAgents && !order.attachedState().equals(Optional.of(new AttachedState.Attached(agent)))) {
                continue;
            }
            String jobName = workflow.jobName(order.position()).map(n -> n.string()).orElse("anonymous");
            emit(KeyedEvent.of(id, new OrderEvent.OrderProcessingStarted(SUBAGENT, false)));
            any = true;
            if (heldJobs.contains(jobName)) {
                running.add(id);
                continue;
            }
            Deque<Outcome> queue = scripted.get(jobName);
            Outcome outcome = queue != null && !queue.isEmpty() ? queue.poll()
                    : jobs.getOrDefault(jobName, o -> Outcome.succeeded(0)).apply(state.orders().get(id));
            emit(KeyedEvent.of(id, new OrderEvent.OrderProcessed(outcome)));
        }
        return any;
    }

    Order order(String id) {
        return state.orders().get(new OrderId(id));
    }

    OrderState.Kind stateOf(String id) {
        return order(id).state().kind();
    }

    /** The order's events, each as its type and the fields that matter, e.g. {@code OrderMoved [1,"try+0",0]}. */
    List<String> eventsOf(String orderId) {
        return journal.stream()
                .filter(e -> e.key().equals(Optional.of(orderId)) && e.event() instanceof OrderEvent)
                .map(e -> describe((OrderEvent) e.event()))
                .toList();
    }

    static String describe(OrderEvent e) {
        String t = e.typeName();
        if (e instanceof OrderEvent.OrderMoved m) {
            return t + " " + m.to() + m.reason().map(r -> " " + r).orElse("");
        } else if (e instanceof OrderEvent.OrderCaught c) {
            return t + " " + c.movedTo();
        } else if (e instanceof OrderEvent.OrderFailed f) {
            return t + " " + f.movedTo();
        } else if (e instanceof OrderEvent.OrderFailedInFork f) {
            return t + " " + f.movedTo();
        } else if (e instanceof OrderEvent.OrderRetrying r) {
            return t + r.delayedUntil().map(u -> " until " + u).orElse("");
        } else if (e instanceof OrderEvent.OrderProcessed p) {
            return t + " " + outcome(p.outcome());
        } else if (e instanceof OrderEvent.OrderOutcomeAdded o) {
            return t + " " + outcome(o.outcome());
        } else if (e instanceof OrderEvent.OrderJoined j) {
            return t + " " + outcome(j.outcome());
        } else if (e instanceof OrderEvent.OrderFinished f) {
            return t + f.outcome().map(o -> " " + outcome(o)).orElse("");
        } else if (e instanceof OrderEvent.OrderForked f) {
            return t + " " + f.children().stream().map(c -> c.orderId().string()).collect(Collectors.joining(","));
        } else if (e instanceof OrderEvent.OrderAttachable a) {
            return t + " " + a.agentPath();
        } else if (e instanceof OrderEvent.OrderAttached a) {
            return t + " " + a.agentPath();
        } else if (e instanceof OrderEvent.OrderLocksAcquired l) {
            return t + " " + l.demands().stream().map(d -> d.lockPath() + d.count().map(c -> "(" + c + ")").orElse("")).collect(Collectors.joining(","));
        } else if (e instanceof OrderEvent.OrderLocksQueued l) {
            return t + " " + l.demands().stream().map(d -> d.lockPath().toString()).collect(Collectors.joining(","));
        } else if (e instanceof OrderEvent.OrderLocksReleased l) {
            return t + " " + l.lockPaths().stream().map(Object::toString).collect(Collectors.joining(","));
        } else if (e instanceof OrderEvent.OrderSleeping s) {
            return t + " until " + s.until();
        } else if (e instanceof OrderEvent.OrderWaitingForAdmission w) {
            return t + " until " + w.until();
        } else if (e instanceof OrderEvent.OrderCyclingPrepared c) {
            return t + " i=" + c.cycleState().index() + " next=" + c.cycleState().next();
        } else if (e instanceof OrderEvent.OrderCycleFinished c) {
            return t + c.cycleState().map(cs -> " i=" + cs.index() + " next=" + cs.next()).orElse("");
        } else if (e instanceof OrderEvent.OrderNoticePosted n) {
            return t + " " + n.notice().id();
        } else if (e instanceof OrderEvent.OrderNoticesExpected n) {
            return t + " " + n.expected().stream().map(Object::toString).collect(Collectors.joining(","));
        } else if (e instanceof OrderEvent.OrderNoticesConsumptionStarted n) {
            return t + " " + n.consumptions().stream().map(Object::toString).collect(Collectors.joining(","));
        } else if (e instanceof OrderEvent.OrderNoticesConsumed n) {
            return t + (n.failed() ? " failed" : "");
        } else if (e instanceof OrderEvent.OrderOrderAdded a) {
            return t + " " + a.orderId();
        } else if (e instanceof OrderEvent.OrderPrompted p) {
            return t + " " + io.jobwerk.engine.value.expression.ValueConversions.toStringValue(p.question());
        } else if (e instanceof OrderEvent.OrderStickySubagentEntered s) {
            return t + " " + s.agentPath() + s.subagentBundleId().map(b -> " " + b).orElse("");
        } else if (e instanceof OrderEvent.OrderCancellationMarked) {
            return t;
        } else if (e instanceof OrderEvent.OrderResumed r) {
            return t + r.position().map(p -> " " + p).orElse("");
        }
        return t;
    }

    static String outcome(Outcome o) {
        if (o instanceof Outcome.Failed f) {
            return "Failed" + f.message().map(m -> "(" + m + ")").orElse("") + (f.uncatchable() ? " uncatchable" : "");
        } else if (o instanceof Outcome.Succeeded s) {
            return "Succeeded" + (s.namedValues().isEmpty() ? "" : s.namedValues().entrySet().stream()
                    .map(en -> en.getKey() + "=" + io.jobwerk.engine.value.expression.ValueConversions.toStringValue(en.getValue()))
                    .collect(Collectors.joining(",", "{", "}")));
        }
        return o.kind().name();
    }
}
