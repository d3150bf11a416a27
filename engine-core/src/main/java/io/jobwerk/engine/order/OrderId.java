package io.jobwerk.engine.order;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/**
 * The id of an order. Any non-empty string without control characters and without {@code |},
 * which is reserved to join a parent's id and a fork branch: child orders are {@code parent|branch}.
 */
public record OrderId(String string) implements Comparable<OrderId> {

    public static final char CHILD_SEPARATOR = '|';

    public OrderId {
        if (string == null || string.isEmpty()) {
            throw new IllegalArgumentException("Invalid OrderId '': must not be empty");
        }
        if (Names.hasControlCharacter(string)) {
            throw new IllegalArgumentException("Invalid OrderId '" + string + "': must not contain control characters");
        }
    }

    /** Validates an id given by a user, where {@code |} is not allowed. */
    public static Checked<OrderId> checked(String string) {
        return Names.checked(() -> {
            OrderId id = new OrderId(string);
            if (string.indexOf(CHILD_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("Invalid OrderId '" + string + "': must not contain '|'");
            }
            return id;
        });
    }

    /** Validates the id of an existing order, which may be a fork's child ({@code parent|branch}). */
    public static Checked<OrderId> existing(String string) {
        return Names.checked(() -> new OrderId(string));
    }

    /** The id of a child order of a fork: {@code this|branch}. */
    public OrderId child(String branch) {
        return new OrderId(string + CHILD_SEPARATOR + branch);
    }

    @Override
    public int compareTo(OrderId o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
