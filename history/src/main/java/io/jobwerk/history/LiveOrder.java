package io.jobwerk.history;

import io.jobwerk.engine.order.Order;
import java.util.Optional;

/** An order the history still follows: its engine value, its entry, and the task it is running. */
record LiveOrder(Order order, OrderRow row, Optional<TaskRow> task) {
}
