package io.jobwerk.engine.order;

/**
 * What every {@link OrderState} answers from its kind. A super-interface of its own, without fields,
 * so that a state's class initialisation needs only this interface, never {@code OrderState} (see there).
 */
public interface OrderStateQueries {

    OrderState.Kind kind();

    /** Finished, Cancelled (and Deleted): the order has ended for good. */
    default boolean isTerminated() {
        return kind() == OrderState.Kind.FINISHED || kind() == OrderState.Kind.CANCELLED || kind() == OrderState.Kind.DELETED;
    }

    /** States in which an operator must act (resume, cancel …): failed, stopped, broken. */
    default boolean isFailedOrStopped() {
        return switch (kind()) {
            case FAILED, FAILED_WHILE_FRESH, FAILED_IN_FORK, BROKEN, STOPPED, STOPPED_WHILE_FRESH, PROCESSING_KILLED -> true;
            default -> false;
        };
    }
}
