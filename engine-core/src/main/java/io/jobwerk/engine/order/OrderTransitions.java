package io.jobwerk.engine.order;

import static io.jobwerk.engine.order.OrderState.Kind.*;

import io.jobwerk.engine.base.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order lifecycle as data: which event may be applied in which state, and the state it leads to.
 * {@link Order#applyEvent} consults it; {@code docs/order-states.md} is rendered from it, and a test
 * fails when a transition is never exercised.
 *
 * <p>Two kinds of rows: {@link Transition}s change (or keep) the state kind; <em>orthogonal</em>
 * events (attachment, marks, priority …) leave the state alone and are allowed in every state of
 * their set.
 */
public final class OrderTransitions {
    private OrderTransitions() {}

    public record Transition(OrderState.Kind from, OrderEvent.Kind event, OrderState.Kind to) {}

    private static final List<Transition> TRANSITIONS = new ArrayList<>();
    private static final Map<OrderEvent.Kind, Set<OrderState.Kind>> ORTHOGONAL = new EnumMap<>(OrderEvent.Kind.class);

    private static final Set<OrderState.Kind> NOT_ENDED = EnumSet.complementOf(EnumSet.of(FINISHED, CANCELLED, DELETED));
    private static final Set<OrderState.Kind> ALL_BUT_DELETED = EnumSet.complementOf(EnumSet.of(DELETED));

    private static void row(OrderEvent.Kind event, OrderState.Kind to, OrderState.Kind... from) {
        for (OrderState.Kind f : from) {
            TRANSITIONS.add(new Transition(f, event, to));
        }
    }

    /** The event keeps the state kind it is applied to, for each of {@code from}. */
    private static void same(OrderEvent.Kind event, OrderState.Kind... from) {
        for (OrderState.Kind f : from) {
            TRANSITIONS.add(new Transition(f, event, f));
        }
    }

    private static void orthogonal(OrderEvent.Kind event, Set<OrderState.Kind> states) {
        ORTHOGONAL.put(event, states);
    }

    static {
        row(OrderEvent.Kind.STARTED, READY, FRESH);
        row(OrderEvent.Kind.PROCESSING_STARTED, PROCESSING, READY);
        same(OrderEvent.Kind.STDOUT_WRITTEN, PROCESSING);
        same(OrderEvent.Kind.STDERR_WRITTEN, PROCESSING);
        row(OrderEvent.Kind.PROCESSED, PROCESSED, PROCESSING);
        row(OrderEvent.Kind.PROCESSING_KILLED, PROCESSING_KILLED, PROCESSED);
        same(OrderEvent.Kind.MOVED, FRESH, READY);
        row(OrderEvent.Kind.MOVED, READY, PROCESSED, BETWEEN_CYCLES, PROMPTING, SLEEPING);
        same(OrderEvent.Kind.OUTCOME_ADDED, FRESH, READY, PROCESSED);
        // a step dropped because the moves after it cannot be made breaks an order that cannot fail there (as JS7)
        same(OrderEvent.Kind.OUTCOME_ADDED, WAITING_FOR_LOCK, EXPECTING_NOTICES, BETWEEN_CYCLES);
        row(OrderEvent.Kind.FAILED, FAILED, READY, PROCESSED, PROCESSING_KILLED);
        row(OrderEvent.Kind.FAILED, FAILED_WHILE_FRESH, FRESH);
        row(OrderEvent.Kind.FAILED_IN_FORK, FAILED_IN_FORK, READY, PROCESSED, PROCESSING_KILLED);
        // PROCESSING_KILLED: a process killed without a cancel or suspend mark (e.g. by the Subagent) is a failure
        row(OrderEvent.Kind.CAUGHT, READY, FRESH, READY, PROCESSED, PROCESSING_KILLED); // Fresh: failed entering its first blocks
        row(OrderEvent.Kind.RETRYING, DELAYING_RETRY, READY);
        row(OrderEvent.Kind.RETRYING, READY, READY);
        row(OrderEvent.Kind.AWOKE, READY, DELAYING_RETRY, DELAYED_AFTER_ERROR, SLEEPING, WAITING_FOR_ADMISSION);
        row(OrderEvent.Kind.FORKED, FORKED, READY);
        row(OrderEvent.Kind.JOINED, PROCESSED, FORKED);
        row(OrderEvent.Kind.FINISHED, FINISHED, FRESH, READY);
        row(OrderEvent.Kind.CANCELLED, CANCELLED, FRESH, READY, PROCESSED, PROCESSING_KILLED, DELAYING_RETRY,
                DELAYED_AFTER_ERROR, WAITING_FOR_LOCK, EXPECTING_NOTICES, BETWEEN_CYCLES, PROMPTING, SLEEPING,
                WAITING_FOR_ADMISSION, BROKEN, FAILED, FAILED_WHILE_FRESH, STOPPED, STOPPED_WHILE_FRESH);
        row(OrderEvent.Kind.DELETED, DELETED, FINISHED, CANCELLED);
        row(OrderEvent.Kind.LOCKS_QUEUED, WAITING_FOR_LOCK, READY);
        row(OrderEvent.Kind.LOCKS_ACQUIRED, READY, READY, WAITING_FOR_LOCK);
        // PROCESSED: a failure leaves the blocks before it is caught or the order fails
        same(OrderEvent.Kind.LOCKS_RELEASED, READY, PROCESSED, PROCESSING_KILLED);
        row(OrderEvent.Kind.LOCKS_DEQUEUED, READY, WAITING_FOR_LOCK);
        same(OrderEvent.Kind.NOTICE_POSTED, READY);
        row(OrderEvent.Kind.NOTICES_EXPECTED, EXPECTING_NOTICES, READY);
        row(OrderEvent.Kind.NOTICES_READ, READY, EXPECTING_NOTICES, READY);
        row(OrderEvent.Kind.NOTICES_CONSUMPTION_STARTED, READY, READY, EXPECTING_NOTICES);
        same(OrderEvent.Kind.NOTICES_CONSUMED, READY, PROCESSED, PROCESSING_KILLED);
        row(OrderEvent.Kind.PROMPTED, PROMPTING, READY);
        row(OrderEvent.Kind.PROMPT_ANSWERED, READY, PROMPTING);
        row(OrderEvent.Kind.CYCLING_PREPARED, BETWEEN_CYCLES, READY);
        row(OrderEvent.Kind.CYCLE_STARTED, READY, BETWEEN_CYCLES);
        row(OrderEvent.Kind.CYCLE_FINISHED, BETWEEN_CYCLES, READY);
        row(OrderEvent.Kind.SLEEPING, SLEEPING, READY);
        row(OrderEvent.Kind.WAITING_FOR_ADMISSION, WAITING_FOR_ADMISSION, READY);
        row(OrderEvent.Kind.SUSPENDED, READY, PROCESSED, PROCESSING_KILLED);
        same(OrderEvent.Kind.SUSPENDED, FRESH, READY, DELAYING_RETRY, DELAYED_AFTER_ERROR, WAITING_FOR_LOCK,
                EXPECTING_NOTICES, BETWEEN_CYCLES, PROMPTING, SLEEPING, WAITING_FOR_ADMISSION, FAILED, FAILED_WHILE_FRESH,
                STOPPED, STOPPED_WHILE_FRESH, BROKEN);
        row(OrderEvent.Kind.RESUMED, READY, FAILED, STOPPED, BROKEN, PROCESSING_KILLED, PROCESSED);
        row(OrderEvent.Kind.RESUMED, FRESH, FAILED_WHILE_FRESH, STOPPED_WHILE_FRESH);
        same(OrderEvent.Kind.RESUMED, FRESH, READY, DELAYING_RETRY, DELAYED_AFTER_ERROR, WAITING_FOR_LOCK,
                EXPECTING_NOTICES, BETWEEN_CYCLES, PROMPTING, SLEEPING, WAITING_FOR_ADMISSION);
        same(OrderEvent.Kind.GOES, DELAYING_RETRY, SLEEPING);
        row(OrderEvent.Kind.GOES, READY, DELAYED_AFTER_ERROR, WAITING_FOR_ADMISSION,
                BETWEEN_CYCLES, PROMPTING, EXPECTING_NOTICES);
        row(OrderEvent.Kind.STOPPED, STOPPED, READY, PROCESSED, PROCESSING_KILLED);
        row(OrderEvent.Kind.STOPPED, STOPPED_WHILE_FRESH, FRESH);
        for (OrderState.Kind k : NOT_ENDED) {
            if (k != BROKEN) {
                TRANSITIONS.add(new Transition(k, OrderEvent.Kind.BROKEN, BROKEN));
            }
        }
        same(OrderEvent.Kind.STICKY_SUBAGENT_ENTERED, FRESH, READY);
        same(OrderEvent.Kind.STICKY_SUBAGENT_LEAVED, FRESH, READY, PROCESSED, PROCESSING_KILLED);
        same(OrderEvent.Kind.ORDER_ADDED, READY);

        orthogonal(OrderEvent.Kind.ATTACHABLE, NOT_ENDED);
        orthogonal(OrderEvent.Kind.ATTACHED, NOT_ENDED);
        orthogonal(OrderEvent.Kind.DETACHABLE, ALL_BUT_DELETED);
        orthogonal(OrderEvent.Kind.DETACHED, ALL_BUT_DELETED);
        orthogonal(OrderEvent.Kind.DELETION_MARKED, ALL_BUT_DELETED);
        orthogonal(OrderEvent.Kind.SUSPENSION_MARKED, NOT_ENDED);
        orthogonal(OrderEvent.Kind.RESUMPTION_MARKED, NOT_ENDED);
        orthogonal(OrderEvent.Kind.CANCELLATION_MARKED, NOT_ENDED);
        orthogonal(OrderEvent.Kind.CANCELLATION_MARKED_ON_AGENT, NOT_ENDED);
        orthogonal(OrderEvent.Kind.SUSPENSION_MARKED_ON_AGENT, NOT_ENDED);
        row(OrderEvent.Kind.STATE_RESET, READY, PROMPTING, EXPECTING_NOTICES);
        orthogonal(OrderEvent.Kind.OPERATION_CANCELLED, NOT_ENDED);
        orthogonal(OrderEvent.Kind.GO_MARKED, NOT_ENDED);
        orthogonal(OrderEvent.Kind.TRANSFERRED, NOT_ENDED);
        orthogonal(OrderEvent.Kind.PRIORITY_CHANGED, NOT_ENDED);
        orthogonal(OrderEvent.Kind.EXTERNAL_VANISHED, ALL_BUT_DELETED);
        orthogonal(OrderEvent.Kind.PLAN_ATTACHED, NOT_ENDED);
    }

    /** Every state-changing row, in table order. */
    public static List<Transition> transitions() {
        return Collections.unmodifiableList(TRANSITIONS);
    }

    /** Events that leave the state kind alone, with the states they are allowed in. */
    public static Map<OrderEvent.Kind, Set<OrderState.Kind>> orthogonalEvents() {
        return Collections.unmodifiableMap(ORTHOGONAL);
    }

    /** Events that only create orders (never applied to an existing one). */
    public static Set<OrderEvent.Kind> creatingEvents() {
        return EnumSet.of(OrderEvent.Kind.ADDED, OrderEvent.Kind.ATTACHED_TO_AGENT);
    }

    /** The target state kinds the table allows for this event in this state (empty = not allowed). */
    public static List<OrderState.Kind> targets(OrderState.Kind from, OrderEvent.Kind event) {
        List<OrderState.Kind> list = new ArrayList<>();
        for (Transition t : TRANSITIONS) {
            if (t.from() == from && t.event() == event) {
                list.add(t.to());
            }
        }
        Set<OrderState.Kind> orthogonal = ORTHOGONAL.get(event);
        if (orthogonal != null && orthogonal.contains(from)) {
            list.add(from);
        }
        return list;
    }

    /** Why the event does not fit the order, if it doesn't. */
    /** {@code targets(from, event)} is not empty, as a table: {@link #check} runs for every order event. */
    private static final class Allowed {
        static final boolean[][] TABLE = new boolean[OrderState.Kind.values().length][OrderEvent.Kind.values().length];

        static {
            for (OrderState.Kind from : OrderState.Kind.values()) {
                for (OrderEvent.Kind event : OrderEvent.Kind.values()) {
                    TABLE[from.ordinal()][event.ordinal()] = !targets(from, event).isEmpty();
                }
            }
        }
    }

    static Optional<Problem> check(Order order, OrderEvent event) {
        OrderEvent.Kind kind = event.kind();
        if (kind == OrderEvent.Kind.ADDED || kind == OrderEvent.Kind.ATTACHED_TO_AGENT) { // creatingEvents()
            return Optional.of(Problem.of("OrderExists", "Order " + order.id() + " already exists"));
        }
        if (!Allowed.TABLE[order.state().kind().ordinal()][kind.ordinal()]) {
            return Optional.of(Problem.of("UnexpectedOrderEvent",
                    "Event " + event.typeName() + " does not fit order " + order.id() + " in state "
                            + order.state().kind().typeName(),
                    Map.of("orderId", order.id().string(), "event", event.typeName(),
                            "state", order.state().kind().typeName())));
        }
        return Optional.empty();
    }
}
