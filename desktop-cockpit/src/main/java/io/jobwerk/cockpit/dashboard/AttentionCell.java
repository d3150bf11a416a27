package io.jobwerk.cockpit.dashboard;

import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.Icons;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A row of "Needs attention": the order, its workflow and why, with its group's icon. The cell keeps
 * its icon and tooltip and changes them: a new {@link Tooltip} (a popup window) and icon on each
 * update were the Dashboard's longest pulses under 500 events/s.
 */
final class AttentionCell extends ListCell<OrderRow> {

    private final FontIcon icon = Icons.icon(StateGroup.FAILED.icon());
    private final Tooltip why = new Tooltip();
    private StateGroup shown; // the group whose style class the icon carries, null for none

    AttentionCell() {
        setWrapText(true);
        setPrefWidth(0); // wrap within the list instead of scrolling sideways
    }

    @Override
    protected void updateItem(OrderRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        setText(row.orderId() + "  ·  " + row.workflowPath() + (row.why().isEmpty() ? "" : "\n" + row.why().get(0)));
        if (row.group() != shown) {
            if (shown != null) {
                icon.getStyleClass().remove(shown.styleClass());
            }
            icon.getStyleClass().add(row.group().styleClass());
            icon.setIconLiteral(row.group().icon());
            shown = row.group();
        }
        setGraphic(icon);
        why.setText(String.join("\n", row.why()));
        setTooltip(why);
    }
}
