package io.jobwerk.cockpit.orders;

import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.Icons;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Orders table's state cell: the group's icon and label in its colour, the state and reasons
 * as a tooltip. A cell is reused for row after row as the table scrolls and orders change, so it
 * keeps one icon and one tooltip and touches its style classes only when the group changes: a new
 * tooltip (a popup window with its own scene) or a changed style class (CSS applied again) per
 * update took most of the UI thread's time while the table scrolled under live updates.
 */
final class StateCell extends TableCell<OrderRow, OrderRow> {

    private final FontIcon icon = Icons.icon(StateGroup.PENDING.icon());
    private final Tooltip tooltip = new Tooltip();
    private StateGroup shown; // the group whose style class the cell and icon carry, null for none

    @Override
    protected void updateItem(OrderRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            showGroup(null);
        } else {
            showGroup(row.group());
            setText(row.group().label());
            setGraphic(icon);
            tooltip.setText(row.state() + (row.why().isEmpty() ? "" : "\n" + String.join("\n", row.why())));
            setTooltip(tooltip);
        }
    }

    private void showGroup(StateGroup group) {
        if (group == shown) {
            return;
        }
        if (shown != null) {
            getStyleClass().remove(shown.styleClass());
            icon.getStyleClass().remove(shown.styleClass());
        }
        if (group != null) {
            getStyleClass().add(group.styleClass());
            icon.getStyleClass().add(group.styleClass());
            icon.setIconLiteral(group.icon());
        }
        shown = group;
    }
}
