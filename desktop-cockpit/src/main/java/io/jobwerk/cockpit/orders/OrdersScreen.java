package io.jobwerk.cockpit.orders;

import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.SortedList;

/**
 * What the {@link OrdersView} shows and drives: one Controller's orders ({@link OrdersViewModel}) or
 * the orders of several in one table, with a Controller column.
 */
public interface OrdersScreen {

    /** The page's title, e.g. {@code Orders}. */
    String title();

    ObjectProperty<StateGroup> groupProperty();

    StringProperty workflowProperty();

    StringProperty agentProperty();

    StringProperty textProperty();

    /** The filtered orders; a view binds its comparator to {@link SortedList#comparatorProperty()}. */
    SortedList<OrderRow> rows();

    List<String> workflowChoices();

    List<String> agentChoices();

    /** The rows the operator selected (rows, not ids: two Controllers may have an order of the same id). */
    void selectRows(List<OrderRow> rows);

    ReadOnlyObjectProperty<Optional<OrderRow>> detailProperty();

    /** e.g. {@code 12 of 340 orders} */
    ReadOnlyStringProperty summaryProperty();

    OrderSelectionActions actions();

    /** True when the rows come from several Controllers: the view then has a Controller column. */
    default boolean showsControllers() {
        return false;
    }

    /** The name of the Controller a row is at; empty for a one-Controller screen. */
    default Optional<String> controllerOf(OrderRow row) {
        return Optional.empty();
    }
}
