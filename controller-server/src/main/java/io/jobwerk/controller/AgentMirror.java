package io.jobwerk.controller;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.AgentReset;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.CouplingState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.runtime.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the Controller mirrors one Agent's event stream into its own state, decided from the state
 * and the Agent's events alone (pure: the {@link AgentDriver} reads the stream, hands the decisions
 * to the keeper and acknowledges what is durable). What is mirrored: the order events of orders at
 * the Agent (its {@code OrderAttachedToAgent} as the Controller's {@code OrderAttached}, the echo of
 * a mark the Controller set as {@code …MarkedOnAgent}), the Agent's keyless {@code AgentReady} keyed by
 * the Agent, its Subagents' couplings; an {@code AgentReset} takes the orders back. Each batch ends
 * with {@code AgentEventsObserved}, the Agent event id to resume after.
 */
final class AgentMirror {
    private AgentMirror() {}

    /**
     * @param decision   the events to persist, each with the Agent's time, and the state with them applied
     * @param agentReset the Agent was reset: its own items are to be sent again
     * @param skipped    events that did not fit the state (not mirrored, but observed, so they do not block the stream)
     */
    record Mirrored(Decision<Boolean> decision, boolean agentReset, List<String> skipped) {
        Mirrored {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The events to mirror of a non-empty {@code batch} (each if it fits the state as advanced by those
     * before it) and the observed Agent event id of the last; first {@code AgentCoupled} when
     * {@code couplingTime} is given (the first read of a connection).
     */
    static Mirrored mirror(EngineState state, AgentPath agentPath, List<Stamped<Event>> batch, Optional<Long> couplingTime) {
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        List<Optional<Long>> timestamps = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean reset = false;
        EngineState s = state;
        if (couplingTime.isPresent()) {
            s = s.applyEvent(coupled(agentPath), couplingTime.map(Instant::ofEpochMilli)).orThrow();
            events.add(coupled(agentPath));
            timestamps.add(couplingTime);
        }
        for (Stamped<Event> stamped : batch) {
            if (stamped.keyedEvent().event() instanceof SystemEvent.AgentReset) {
                // Every Agent event before the reset is mirrored already: take the orders back, send the items again.
                reset = true;
                for (KeyedEvent<? extends Event> e : AgentReset.orderEvents(s, agentPath)) {
                    Checked<EngineState> applied = s.applyEvent(e);
                    if (applied.isOk()) {
                        s = applied.orThrow();
                        events.add(e);
                        timestamps.add(Optional.empty());
                    } else {
                        skipped.add(e + " after AgentReset does not apply: " + applied.problemOption().orElseThrow());
                    }
                }
                continue;
            }
            Optional<KeyedEvent<? extends Event>> translated = translate(s, agentPath, stamped);
            if (translated.isPresent()) {
                Checked<EngineState> applied = s.applyEvent(translated.get(),
                        Optional.of(Instant.ofEpochMilli(stamped.effectiveTimestampMillis())));
                if (applied.isOk()) {
                    s = applied.orThrow();
                    events.add(translated.get());
                    timestamps.add(Optional.of(stamped.effectiveTimestampMillis()));
                } else {
                    skipped.add("event " + stamped + " not mirrored: " + applied.problemOption().orElseThrow());
                }
            }
        }
        KeyedEvent<SystemEvent> observed = KeyedEvent.of(agentPath, new SystemEvent.AgentEventsObserved(batch.get(batch.size() - 1).eventId()));
        events.add(observed);
        timestamps.add(Optional.empty());
        // Each event was applied above to see whether it fits: the keeper takes that state instead of applying them again.
        return new Mirrored(Decision.timestamped(events, timestamps, Boolean.TRUE, s.applyEvent(observed).toOptional()), reset, skipped);
    }

    /** The Controller's event for an Agent event, if the Controller keeps it; pure. */
    static Optional<KeyedEvent<? extends Event>> translate(EngineState state, AgentPath agentPath, Stamped<Event> s) {
        Event event = s.keyedEvent().event();
        if (event instanceof SystemEvent.AgentReady && s.keyedEvent().key().isEmpty()) {
            return Optional.of(KeyedEvent.of(agentPath, event));
        }
        if ((event instanceof SystemEvent.SubagentCoupled || event instanceof SystemEvent.SubagentCouplingFailed)
                && s.keyedEvent().key().isPresent()) {
            return Optional.of(s.keyedEvent());
        }
        if (!(event instanceof OrderEvent orderEvent) || s.keyedEvent().key().isEmpty()) {
            return Optional.empty();
        }
        String key = s.keyedEvent().key().get();
        if (orderEvent instanceof OrderEvent.OrderAttachedToAgent) {
            Order order = state.orders().get(new OrderId(key));
            if (order == null || !(order.attachedState().orElse(null) instanceof AttachedState.Attaching)) {
                return Optional.empty();
            }
            return Optional.of(KeyedEvent.of(key, new OrderEvent.OrderAttached(agentPath)));
        }
        if (isEchoOfControllerMark(state, key, orderEvent)) {
            // as JS7: the Controller's own mark, now at the Agent
            return orderEvent instanceof OrderEvent.OrderCancellationMarked
                    ? Optional.of(KeyedEvent.of(key, new OrderEvent.OrderCancellationMarkedOnAgent()))
                    : orderEvent instanceof OrderEvent.OrderSuspensionMarked
                    ? Optional.of(KeyedEvent.of(key, new OrderEvent.OrderSuspensionMarkedOnAgent()))
                    : Optional.empty();
        }
        if (orderEvent instanceof OrderEvent.OrderTransferred t) {
            // The Agent carried out the Controller's transfer: the same event again only when the order is elsewhere.
            Order order = state.orders().get(new OrderId(key));
            if (order != null && order.workflowPosition().equals(t.workflowPosition())) {
                return Optional.empty();
            }
        }
        return Optional.of(new KeyedEvent<>(Optional.of(key), orderEvent));
    }

    /** {@code AgentCoupled} at {@code nowMillis}: the Agent answered a read without events. */
    static Decision<Boolean> coupledDecision(AgentPath agentPath, long nowMillis) {
        return Decision.timestamped(List.of(coupled(agentPath)), List.of(Optional.of(nowMillis)), Boolean.TRUE, Optional.empty());
    }

    /**
     * {@code AgentCouplingFailed} with the problem at {@code nowMillis}, unless the state records this
     * very failure already (result false): a connection tried again and again is journaled once per distinct problem.
     */
    static Decision<Boolean> couplingFailedDecision(EngineState state, AgentPath agentPath, Problem problem, long nowMillis) {
        Optional<CouplingState> known = state.coupling(peerKey(agentPath));
        if (known.isPresent() && !known.get().isCoupled() && known.get().problem().equals(Optional.of(problem))) {
            return Decision.of(List.of(), Boolean.FALSE);
        }
        return Decision.timestamped(List.of(KeyedEvent.of(agentPath, new SystemEvent.AgentCouplingFailed(problem))),
                List.of(Optional.of(nowMillis)), Boolean.TRUE, Optional.empty());
    }

    /**
     * Whether to release the Agent's events up to {@code observed} now: after each (re)connection
     * ({@code catchingUp}: a restarted Agent has forgotten what was released before), else when more
     * was observed than released and {@code period} has passed since the last release.
     */
    static boolean releaseDue(boolean catchingUp, long observed, long released, Duration sinceLastRelease, Duration period) {
        boolean due = catchingUp || (observed > released && sinceLastRelease.compareTo(period) > 0);
        return due && observed > 0;
    }

    /** The key of the Agent's coupling and observed event id in the Controller's state. */
    static String peerKey(AgentPath agentPath) {
        return "Agent:" + agentPath;
    }

    private static KeyedEvent<SystemEvent> coupled(AgentPath agentPath) {
        return KeyedEvent.of(agentPath, new SystemEvent.AgentCoupled());
    }

    /**
     * The Agent confirms a mark the Controller set itself (the Controller's command made the mark,
     * MarkOrder carried it to the Agent): mirroring it would write the same mark event twice.
     */
    private static boolean isEchoOfControllerMark(EngineState state, String key, OrderEvent event) {
        Order order = state.orders().get(new OrderId(key));
        if (order == null || order.mark().isEmpty()) {
            return false;
        }
        OrderMark mark = order.mark().get();
        if (event instanceof OrderEvent.OrderCancellationMarked e) {
            return mark.equals(new OrderMark.Cancelling(e.mode()));
        } else if (event instanceof OrderEvent.OrderSuspensionMarked e) {
            return mark.equals(new OrderMark.Suspending(e.mode()));
        } else if (event instanceof OrderEvent.OrderResumptionMarked e) {
            return mark.equals(new OrderMark.Resuming(e.position(), e.historyOperations(), e.asSucceeded(), e.restartKilledJob()));
        } else if (event instanceof OrderEvent.OrderGoMarked e) {
            return mark.equals(new OrderMark.Go(e.position()));
        }
        return false;
    }
}
