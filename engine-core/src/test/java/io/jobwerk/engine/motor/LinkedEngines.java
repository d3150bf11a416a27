package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
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
import io.jobwerk.engine.order.OrderTransitions;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A Controller and its Agents as pure states in one test, linked as the servers link them: the
 * Controller's motor moves detached orders, each Agent's motor the orders attached to it; the link
 * plays the Controller's AgentDriver (AttachOrder with the workflow, DetachOrder, MarkOrder, the
 * Agent's events mirrored, {@code OrderAttachedToAgent} as {@code OrderAttached}) and the Agent's
 * job runner (a job's outcome comes from a function of its name and the order). Time is virtual: at
 * rest, the clock jumps to the next wake time. Every event is journaled per node, so a test can
 * replay the journals and compare.
 */
final class LinkedEngines {
    static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    static final SubagentId SUBAGENT = new SubagentId("subagent");

    EngineState controller = EngineState.EMPTY;
    final Map<AgentPath, EngineState> agents = new TreeMap<>((a, b) -> a.string().compareTo(b.string()));
    final List<KeyedEvent<? extends Event>> controllerJournal = new ArrayList<>();
    final Map<AgentPath, List<KeyedEvent<? extends Event>>> agentJournals = new LinkedHashMap<>();
    Instant now = START;
    private final MotorEnvironment env = new MotorEnvironment("CONTROLLER-ID", Map.of(), Duration.ofSeconds(15));
    private final Function<String, Outcome> jobOutcome;
    /** Steps taken so far; a run that does not come to rest is a finding too. */
    int steps;

    LinkedEngines(List<AgentPath> agentPaths, Function<String, Outcome> jobOutcome) {
        this.jobOutcome = jobOutcome;
        for (AgentPath a : agentPaths) {
            agents.put(a, EngineState.EMPTY);
            agentJournals.put(a, new ArrayList<>());
        }
    }

    void deploy(Workflow workflow) {
        emitAtController(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(workflow)));
    }

    void deploy(Item item) {
        emitAtController(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(item)));
    }

    void addOrder(FreshOrder o) {
        emitAtController(KeyedEvent.of(o.id(), new OrderEvent.OrderAdded(controller.currentWorkflow(o.workflowPath()).orThrow().id(),
                o.arguments(), o.scheduledFor(), o.planId(), Optional.empty(), o.deleteWhenTerminated(), o.forceAdmission(),
                o.innerBlock(), o.startPosition(), o.stopPositions(), o.priority())));
    }

    /** An operator's command at the Controller; one that does not apply (a problem) changes nothing. */
    boolean operate(Function<OrderEventSource, Checked<List<KeyedEvent<OrderEvent>>>> command) {
        Checked<List<KeyedEvent<OrderEvent>>> events = command.apply(new OrderEventSource(controller, now, Placement.CONTROLLER, env));
        if (events.isFail()) {
            return false;
        }
        events.orThrow().forEach(this::emitAtController);
        return true;
    }

    /** Takes at most {@code n} steps; false when it came to rest before. */
    boolean run(int n) {
        for (int i = 0; i < n; i++) {
            if (!stepOnce()) {
                return false;
            }
            steps++;
        }
        return true;
    }

    /** Runs until nothing moves and no wake time is left within {@code horizon}; false when it did not come to rest. */
    boolean runToRest(Duration horizon, int maxSteps) {
        Instant end = now.plus(horizon);
        while (steps < maxSteps) {
            if (stepOnce()) {
                steps++;
                continue;
            }
            Optional<Instant> wake = nextWakeTime();
            if (wake.isEmpty() || wake.get().isAfter(end)) {
                return true;
            }
            now = wake.get().isAfter(now) ? wake.get() : now.plusMillis(1);
            steps++;
        }
        return false;
    }

    private boolean stepOnce() {
        boolean any = false;
        for (OrderId id : List.copyOf(controller.orders().keySet())) {
            any |= moveAtController(id);
        }
        any |= link();
        for (AgentPath agent : List.copyOf(agents.keySet())) {
            for (OrderId id : List.copyOf(agents.get(agent).orders().keySet())) {
                any |= moveAtAgent(agent, id);
            }
            any |= runJobs(agent);
        }
        return any;
    }

    private boolean moveAtController(OrderId id) {
        if (!controller.orders().containsKey(id)) {
            return false;
        }
        List<KeyedEvent<OrderEvent>> events = new OrderEventSource(controller, now, Placement.CONTROLLER, env).nextEvents(id);
        events.forEach(this::emitAtController);
        return !events.isEmpty();
    }

    private boolean moveAtAgent(AgentPath agent, OrderId id) {
        if (!agents.get(agent).orders().containsKey(id)) {
            return false;
        }
        List<KeyedEvent<OrderEvent>> events = new OrderEventSource(agents.get(agent), now, Placement.agent(agent), env).nextEvents(id);
        events.forEach(e -> emitAtAgent(agent, e));
        return !events.isEmpty();
    }

    /** The Controller's AgentDriver: attach, detach and marks, as commands the Agent decides. */
    private boolean link() {
        boolean any = false;
        for (Order order : List.copyOf(controller.orders().values())) {
            Optional<AttachedState> attached = order.attachedState();
            if (attached.isEmpty()) {
                continue;
            }
            AgentPath agent = attached.get().agentPath();
            EngineState at = agents.get(agent);
            if (attached.get() instanceof AttachedState.Attaching && !at.orders().containsKey(order.id())) {
                Workflow workflow = controller.workflowOf(order).orThrow();
                if (!at.workflows().containsKey(workflow.id())) {
                    emitAtAgent(agent, KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(workflow)));
                }
                Order there = new Order(order.id(), order.workflowPosition(), order.state(), order.arguments(),
                        order.scheduledFor(), order.externalOrder(), order.historicOutcomes(),
                        Optional.of(new AttachedState.Attached(agent)), order.parent(), order.mark(), order.isSuspended(),
                        order.isResumed(), order.deleteWhenTerminated(), order.forceAdmission(), order.stickySubagents(),
                        order.innerBlock(), order.stopPositions(), order.priority(), order.planId());
                emitAtAgent(agent, KeyedEvent.of(order.id(), new OrderEvent.OrderAttachedToAgent(there)));
                any = true;
            } else if (attached.get() instanceof AttachedState.Attached && order.mark().isPresent()
                    && at.orders().containsKey(order.id()) && !at.orders().get(order.id()).mark().equals(order.mark())) {
                for (OrderEvent e : OrderEventSource.markOnAgent(at, at.orders().get(order.id()), order.mark().get())) {
                    emitAtAgent(agent, KeyedEvent.of(order.id(), e));
                    any = true;
                }
            } else if (attached.get() instanceof AttachedState.Detaching) {
                Order there = at.orders().get(order.id());
                if (there != null && there.attachedState().filter(a -> a instanceof AttachedState.Detaching).isPresent()) {
                    emitAtAgent(agent, KeyedEvent.of(order.id(), new OrderEvent.OrderDetached()));
                    any = true;
                }
            }
        }
        return any;
    }

    /** The event by which an Agent takes a mark (to tell the Controller's own mark coming back). */
    private static Optional<OrderEvent> markEvent(io.jobwerk.engine.order.OrderMark mark) {
        return Optional.of(switch (mark.kind()) {
            case CANCELLING -> new OrderEvent.OrderCancellationMarked(((io.jobwerk.engine.order.OrderMark.Cancelling) mark).mode());
            case SUSPENDING -> new OrderEvent.OrderSuspensionMarked(((io.jobwerk.engine.order.OrderMark.Suspending) mark).mode());
            case RESUMING -> {
                var r = (io.jobwerk.engine.order.OrderMark.Resuming) mark;
                yield new OrderEvent.OrderResumptionMarked(r.position(), r.historyOperations(), r.asSucceeded(), r.restartKilledJob());
            }
            case GO -> new OrderEvent.OrderGoMarked(((io.jobwerk.engine.order.OrderMark.Go) mark).position());
        });
    }

    /** A process started in one step ends in the next, so operator commands can meet it running; a kill mark kills it. */
    private boolean runJobs(AgentPath agent) {
        boolean any = false;
        for (Order order : List.copyOf(agents.get(agent).orders().values())) {
            if (order.isState(OrderState.Kind.PROCESSING)) {
                Workflow workflow = agents.get(agent).workflowOf(order).orThrow();
                String jobName = workflow.jobName(order.position()).map(n -> n.string()).orElse("anonymous");
                Outcome outcome = OrderEventSource.killRequested(order).isPresent()
                        ? new Outcome.Killed(new Outcome.Failed(Optional.empty(), Map.of(), false))
                        : jobOutcome.apply(jobName);
                emitAtAgent(agent, KeyedEvent.of(order.id(), new OrderEvent.OrderProcessed(outcome)));
                any = true;
            }
        }
        for (OrderId id : new JobQueue(agents.get(agent), now).startable()) {
            EngineState state = agents.get(agent);
            Order order = state.orders().get(id);
            if (!order.attachedState().equals(Optional.of(new AttachedState.Attached(agent)))) {
                continue;
            }
            emitAtAgent(agent, KeyedEvent.of(id, new OrderEvent.OrderProcessingStarted(SUBAGENT, false)));
            any = true;
        }
        return any;
    }

    private Optional<Instant> nextWakeTime() {
        Optional<Instant> min = Optional.empty();
        OrderEventSource c = new OrderEventSource(controller, now, Placement.CONTROLLER, env);
        for (Order o : controller.orders().values()) {
            if (o.attachedState().isEmpty()) {
                min = earlier(min, c.nextWakeTime(o.id()));
            }
        }
        for (Map.Entry<AgentPath, EngineState> a : agents.entrySet()) {
            OrderEventSource m = new OrderEventSource(a.getValue(), now, Placement.agent(a.getKey()), env);
            for (Order o : a.getValue().orders().values()) {
                min = earlier(min, m.nextWakeTime(o.id()));
            }
        }
        return min;
    }

    private static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
    }

    private void emitAtController(KeyedEvent<? extends Event> event) {
        checkTransition(controller, event, "Controller");
        controller = controller.applyEvent(event).orThrow();
        controllerJournal.add(event);
    }

    private void emitAtAgent(AgentPath agent, KeyedEvent<? extends Event> event) {
        EngineState state = agents.get(agent);
        checkTransition(state, event, "Agent " + agent);
        state = foldAtAgent(state, event);
        agents.put(agent, state);
        agentJournals.get(agent).add(event);
        mirror(agent, event);
    }

    /** As EngineFolder.agent(): a detached order belongs to the Controller again. */
    static EngineState foldAtAgent(EngineState state, KeyedEvent<? extends Event> event) {
        EngineState next = state.applyEvent(event).orThrow();
        if (event.event() instanceof OrderEvent.OrderDetached) {
            next = next.withoutOrder(new OrderId(event.key().orElseThrow()));
        }
        return next;
    }

    private void mirror(AgentPath agent, KeyedEvent<? extends Event> event) {
        if (!(event.event() instanceof OrderEvent orderEvent) || event.key().isEmpty()) {
            return;
        }
        Order here = controller.orders().get(new OrderId(event.key().get()));
        if (orderEvent instanceof OrderEvent.OrderAttachedToAgent) {
            emitAtController(KeyedEvent.of(event.key().get(), new OrderEvent.OrderAttached(agent)));
        } else if (here != null && here.mark().isPresent() && markEvent(here.mark().get()).equals(Optional.of(orderEvent))) {
            // the Agent took the Controller's own mark: not written twice (as AgentDriver, JS7's …MarkedOnAgent)
            if (orderEvent instanceof OrderEvent.OrderCancellationMarked) {
                emitAtController(KeyedEvent.of(event.key().get(), new OrderEvent.OrderCancellationMarkedOnAgent()));
            } else if (orderEvent instanceof OrderEvent.OrderSuspensionMarked) {
                emitAtController(KeyedEvent.of(event.key().get(), new OrderEvent.OrderSuspensionMarkedOnAgent()));
            }
        } else {
            emitAtController(event);
        }
    }

    /** Each order event fits the lifecycle table (applyEvent checks it too: this names the node). */
    private static void checkTransition(EngineState state, KeyedEvent<? extends Event> event, String node) {
        if (!(event.event() instanceof OrderEvent e) || event.key().isEmpty() || OrderTransitions.creatingEvents().contains(e.kind())) {
            return;
        }
        Order order = state.orders().get(new OrderId(event.key().get()));
        if (order == null) {
            throw new AssertionError(node + ": event " + e.typeName() + " for unknown order " + event.key().get());
        }
        Checked<Order> next = order.applyEvent(e);
        if (next.isFail() || !OrderTransitions.targets(order.state().kind(), e.kind()).contains(next.orThrow().state().kind())) {
            throw new AssertionError(node + ": " + e.typeName() + " does not fit order " + order.id() + " in state "
                    + order.state().kind() + next.problemOption().map(p -> ": " + p).orElse(""));
        }
    }

    /** The orders' event types at the Controller, one line per order, for a failure message. */
    String describe() {
        Map<String, List<String>> perOrder = new TreeMap<>();
        for (KeyedEvent<? extends Event> e : controllerJournal) {
            if (e.event() instanceof OrderEvent oe && e.key().isPresent()) {
                perOrder.computeIfAbsent(e.key().get(), k -> new ArrayList<>()).add(TestEngine.describe(oe));
            }
        }
        StringBuilder b = new StringBuilder();
        perOrder.forEach((k, v) -> b.append("  ").append(k).append(": ").append(String.join(", ", v)).append('\n'));
        for (Map.Entry<AgentPath, EngineState> a : agents.entrySet()) {
            b.append("  at ").append(a.getKey()).append(": ").append(a.getValue().orders().values().stream()
                    .map(o -> o.id() + " " + o.state().kind() + " " + o.position()).toList()).append('\n');
        }
        return b.toString();
    }

    static boolean isAttachedTo(Order order, AgentPath agent) {
        return order.attachedState().map(a -> a.agentPath().equals(agent)).orElse(false);
    }

    static boolean isWaitingWithReason(Order order) {
        OrderState.Kind kind = order.state().kind();
        return switch (kind) {
            // BROKEN: as JS7, an order that cannot fail where a move cannot be made (its outcome says why)
            case FAILED, FAILED_WHILE_FRESH, STOPPED, STOPPED_WHILE_FRESH, PROMPTING, WAITING_FOR_LOCK, EXPECTING_NOTICES,
                    FORKED, FAILED_IN_FORK, BROKEN -> true;
            default -> order.isSuspended();
        };
    }
}
