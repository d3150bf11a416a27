package io.jobwerk.engine.motor;

import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.workflow.Workflow;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When an operator's cancel or suspend is carried out, and when it only marks the order (JS7 2.9's
 * rules, recorded in the conformance corpus and read in its {@code Order.isCancelable} and
 * {@code isSuspendibleNow}).
 *
 * <p>Both are carried out by the node that holds the order detached, the Controller (or standalone):
 * an Agent hands a marked order back ({@code OrderDetachable}) once the mark could be carried out.
 * A Processing order is never cancelled or suspended; after its step it first goes on as usual: a
 * succeeded step moves on ({@code OrderMoved}), a step killed for the mark becomes
 * {@code ProcessingKilled}, a failed one fails (which drops a suspend mark). Then:
 * <ul>
 *   <li>cancel: in a waiting state ({@link #CANCELABLE}); not while Processing, Processed, Forked
 *       (the children go on, the parent joins and then is cancelled where it goes on) or Sleeping
 *       (cancelled when the sleep ends); and a started order at the end of its block (top level:
 *       the end of the workflow) finishes rather than being cancelled, unless it is suspended,
 *       stopped, failed or broken;
 *   <li>suspend: a Fresh or Ready order, or a ProcessingKilled one whose mark asked for the kill;
 *       any other waiting order is marked and suspended once it is Ready (a sleeping order when it
 *       wakes, a prompting one when answered); a failed order cannot be suspended.
 * </ul>
 */
final class OrderMarkRules {
    private OrderMarkRules() {}

    /** JS7's cancelable states; also StoppedWhileFresh, which JS7's FreshOnly cancel names but its set lacks. */
    private static final Set<OrderState.Kind> CANCELABLE = EnumSet.of(OrderState.Kind.FRESH, OrderState.Kind.READY,
            OrderState.Kind.PROCESSING_KILLED, OrderState.Kind.WAITING_FOR_LOCK, OrderState.Kind.PROMPTING,
            OrderState.Kind.EXPECTING_NOTICES, OrderState.Kind.BETWEEN_CYCLES, OrderState.Kind.FAILED_WHILE_FRESH,
            OrderState.Kind.DELAYING_RETRY, OrderState.Kind.DELAYED_AFTER_ERROR, OrderState.Kind.WAITING_FOR_ADMISSION,
            OrderState.Kind.STOPPED, OrderState.Kind.STOPPED_WHILE_FRESH, OrderState.Kind.FAILED, OrderState.Kind.BROKEN);

    private static final Set<OrderState.Kind> NOT_STARTED = EnumSet.of(OrderState.Kind.FRESH,
            OrderState.Kind.FAILED_WHILE_FRESH, OrderState.Kind.STOPPED_WHILE_FRESH);

    private static final Set<OrderState.Kind> CANCELABLE_AT_THE_END = EnumSet.of(OrderState.Kind.STOPPED,
            OrderState.Kind.FAILED, OrderState.Kind.BROKEN);

    /** Whether the node holding the order detached would cancel it now. */
    static boolean isCancelableNow(Order order, Workflow workflow) {
        OrderState.Kind kind = order.state().kind();
        return CANCELABLE.contains(kind)
                && (NOT_STARTED.contains(kind) || !MotorContext.isEnd(workflow, order.position())
                        || order.isSuspended() || CANCELABLE_AT_THE_END.contains(kind));
    }

    /** The cancellation carried out: a prompting or expecting order leaves that state first (as JS7, recorded). */
    static List<OrderEvent> cancelEvents(Order order) {
        return order.isState(OrderState.Kind.PROMPTING) || order.isState(OrderState.Kind.EXPECTING_NOTICES)
                ? List.of(new OrderEvent.OrderStateReset(), new OrderEvent.OrderCancelled())
                : List.of(new OrderEvent.OrderCancelled());
    }

    /** Whether a suspension (with the mode of the order's mark, if any) would be carried out now. */
    static boolean isSuspendibleNow(Order order) {
        OrderState.Kind kind = order.state().kind();
        boolean killedForTheMark = kind == OrderState.Kind.PROCESSING_KILLED
                && order.mark().filter(m -> m instanceof OrderMark.Suspending s && s.mode().kill().isPresent()).isPresent();
        return !order.isSuspended() && (kind == OrderState.Kind.FRESH || kind == OrderState.Kind.READY || killedForTheMark);
    }

    /** JS7 refuses to suspend a failed order (resume it instead) and one marked to be cancelled. */
    static boolean isSuspendible(Order order) {
        OrderState.Kind kind = order.state().kind();
        return kind != OrderState.Kind.FAILED && kind != OrderState.Kind.FAILED_WHILE_FRESH && kind != OrderState.Kind.FAILED_IN_FORK
                && !(order.mark().orElse(null) instanceof OrderMark.Cancelling);
    }

    /** The mark's events in an order held here; empty when it waits on. */
    static Optional<List<OrderEvent>> carriedOut(Order order, Workflow workflow) {
        OrderMark mark = order.mark().orElseThrow();
        if (mark instanceof OrderMark.Cancelling) {
            return isCancelableNow(order, workflow) ? Optional.of(cancelEvents(order)) : Optional.empty();
        }
        if (mark instanceof OrderMark.Suspending) {
            return isSuspendibleNow(order) ? Optional.of(List.of(new OrderEvent.OrderSuspended())) : Optional.empty();
        }
        throw new IllegalArgumentException("not a cancel or suspend mark: " + mark);
    }
}
