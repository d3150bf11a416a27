package io.jobwerk.agent;

import io.jobwerk.agent.SubagentCouplingTable.Trigger;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.motor.OrderEventSource;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.subagent.SubagentCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link RemoteSubagentDriver} records in the Director's journal about its Subagent, as keeper
 * decisions: processes taken over or lost, a coupling's failure, and which task of an order runs there
 * now ({@code expectedTasks}, shared with the driver: an event or outcome of another task is an
 * earlier attempt's and is dropped).
 */
final class RemoteSubagentRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSubagentDriver.class);

    /**
     * @param leftovers  processes the Subagent listed that are no job of this Director now: to be killed
     * @param killsAsked kills marked while the Director was down or coupling, of orders taken over ({@code immediately})
     */
    record Adoption(Map<OrderId, String> leftovers, Map<OrderId, Boolean> killsAsked) {}

    private final Item.SubagentItem item;
    private final EngineKeeper keeper;
    private final Predicate<OrderId> runsInDirector;
    private final Map<OrderId, String> expectedTasks;

    RemoteSubagentRecorder(Item.SubagentItem item, EngineKeeper keeper, Predicate<OrderId> runsInDirector,
                           Map<OrderId, String> expectedTasks) {
        this.item = item;
        this.keeper = keeper;
        this.runsInDirector = runsInDirector;
        this.expectedTasks = expectedTasks;
    }

    /**
     * Takes over the orders processing here (from before the Director's restart) whose task the
     * Subagent still knows, and records the others as lost; empty when that is not durable.
     */
    Optional<Adoption> adopt(SubagentCommand.DirectorCoupled coupled, Trigger trigger, long position) {
        Problem problem = SubagentCoupling.lossProblem(trigger, item.id(), coupled.continued());
        Map<OrderId, String> adopted = new java.util.HashMap<>();
        Map<OrderId, Boolean> killsAsked = new java.util.HashMap<>(); // marked while the Director was down or coupling
        Map<OrderId, String> leftovers = new java.util.HashMap<>(coupled.processes()); // listed, but not this Director's now
        boolean durable = decideDurably("taking over its processes", state -> {
            adopted.clear();
            killsAsked.clear();
            List<KeyedEvent<? extends Event>> events = new ArrayList<>();
            for (Order order : state.orders().values()) {
                if (isProcessingHere(order) && !expectedTasks.containsKey(order.id())) {
                    String taskId = coupled.processes().get(order.id());
                    if (taskId != null) {
                        adopted.put(order.id(), taskId);
                        OrderEventSource.killRequested(order).ifPresent(kill -> killsAsked.put(order.id(), kill.immediately()));
                    } else {
                        events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderProcessed(processLost(problem))));
                    }
                }
            }
            if (!events.isEmpty()) {
                LOG.warn("Subagent " + item.id() + ": " + events.size() + " processes from before the Director's restart are lost: "
                        + problem.message());
            }
            // On the keeper thread, before a kill of a later round looks for the task
            expectedTasks.putAll(adopted);
            events.add(observedUntil(position)); // with the losses: an outcome before it is never listed again
            return Checked.ok(Decision.of(events, Boolean.TRUE));
        });
        if (!durable) {
            return Optional.empty();
        }
        leftovers.entrySet().removeIf(e -> e.getValue().equals(expectedTasks.get(e.getKey())));
        if (!adopted.isEmpty()) {
            LOG.info("Subagent " + item.id() + ": " + adopted.size() + " processes from before the Director's restart go on");
        }
        return Optional.of(new Adoption(leftovers, killsAsked));
    }

    /**
     * {@code SubagentCouplingFailed} with the problem, unless the state records this very failure
     * already: a Subagent tried again and again is journaled once per distinct problem (as JS7).
     */
    void couplingFailed(Problem problem, long nowMillis) {
        long now = nowMillis;
        String key = "Subagent:" + item.id();
        keeper.transact(state -> {
            boolean known = state.coupling(key).filter(c -> !c.isCoupled() && c.problem().equals(Optional.of(problem))).isPresent();
            return Checked.ok(known ? Decision.of(List.of(), Boolean.FALSE)
                    : Decision.timestamped(List.of(KeyedEvent.of(item.id(), new SystemEvent.SubagentCouplingFailed(problem))),
                            List.of(Optional.of(now)), Boolean.TRUE, Optional.empty()));
        });
    }

    /**
     * Records the processes running here as lost, so their jobs restart; returns whether that is
     * durable. A {@code position} is persisted with the losses as the Subagent events observed (the
     * events before it are not read). The caller dedicates the Subagent anew where the coupling says so.
     */
    boolean lose(Problem problem, Optional<Long> position) {
        Map<OrderId, String> lost = new java.util.HashMap<>();
        boolean durable = decideDurably("the loss of its processes (" + problem.message() + ")", state -> {
            lost.clear();
            List<KeyedEvent<? extends Event>> events = new ArrayList<>();
            for (Order order : state.orders().values()) {
                if (isProcessingHere(order)) {
                    events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderProcessed(processLost(problem))));
                    lost.put(order.id(), expectedTasks.getOrDefault(order.id(), ""));
                }
            }
            if (!events.isEmpty()) {
                LOG.warn("Subagent " + item.id() + " lost (" + problem.message() + "): " + events.size() + " processes lost");
            }
            position.ifPresent(p -> events.add(observedUntil(p)));
            return Checked.ok(Decision.of(events, Boolean.TRUE));
        });
        if (!durable) {
            return false;
        }
        lost.forEach(expectedTasks::remove);
        return true;
    }

    /** A keeper transaction, awaited; whether its events are durable (a failure is logged, the caller tries again). */
    private boolean decideDurably(String what, java.util.function.Function<EngineState, Checked<Decision<Boolean>>> decide) {
        Checked<Boolean> persisted;
        try {
            persisted = keeper.transact(decide).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            persisted = Checked.fail(Problem.of("EngineRoundFailed", String.valueOf(e)));
        }
        persisted.problemOption().ifPresent(p -> LOG.error("Subagent " + item.id() + ": " + what + " could not be recorded, trying again: " + p));
        return persisted.isOk();
    }

    KeyedEvent<SystemEvent> observedUntil(long subagentEventId) {
        return KeyedEvent.of(item.id().string(), new SystemEvent.SubagentEventsObserved(subagentEventId));
    }

    String observedKey() {
        return "Subagent:" + item.id().string();
    }

    static Outcome processLost(Problem problem) {
        return new Outcome.Disrupted(new Outcome.ProcessLost(Optional.of(problem)), false);
    }

    /** Whether the order's process runs on this Subagent (not an internal job, which runs in the Director). */
    private boolean isProcessingHere(Order order) {
        return order.state() instanceof OrderState.Processing p && p.subagentId().equals(item.id()) && !runsInDirector.test(order.id());
    }

    /** Whether the order is processing here the task the event belongs to (late events of a lost or earlier process are dropped). */
    boolean isExpected(EngineState state, OrderId orderId, String taskId) {
        Order order = state.orders().get(orderId);
        return order != null && order.state() instanceof OrderState.Processing p && p.subagentId().equals(item.id())
                && taskId.equals(expectedTasks.get(orderId));
    }
}
