package io.jobwerk.cockpit.notify;

import io.jobwerk.cockpit.ui.Icons;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The notification centre's page: the notifications, newest first, unacknowledged ones in bold;
 * acknowledge the selected or all; double-click a failed order's to open its detail. The toasts
 * are {@link Toasts}'.
 */
public final class NotificationsView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final NotificationCentre centre;
    private final ZoneId zone;

    /**
     * @param openOrder opens an order's detail
     */
    public NotificationsView(NotificationCentre centre, ZoneId zone, Consumer<String> openOrder) {
        this.centre = centre;
        this.zone = zone;
        getStyleClass().add("page");
        setId("notificationsPage");
        Label title = new Label("Notifications");
        title.getStyleClass().add("page-title");
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> centre.unacknowledgedProperty().get() + " not acknowledged of "
                + centre.notifications().size(), centre.unacknowledgedProperty(), centre.notifications()));
        HBox head = new HBox(12, title, count);
        head.setAlignment(Pos.BASELINE_LEFT);

        ListView<Notification> list = new ListView<>(centre.notifications());
        list.setId("notificationList");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new Label("Nothing to report: no order failed, no Agent and no connection was lost since the Cockpit started."));
        list.setCellFactory(l -> new NotificationCell());
        list.setOnMouseClicked(e -> {
            Notification n = list.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && n != null) {
                centre.acknowledge(java.util.List.of(n));
                n.orderId().ifPresent(openOrder);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Button ack = new Button("Acknowledge", Icons.icon("mdoal-done"));
        ack.setId("acknowledgeSelected");
        ack.disableProperty().bind(Bindings.isEmpty(list.getSelectionModel().getSelectedItems()));
        ack.setOnAction(e -> centre.acknowledge(java.util.List.copyOf(list.getSelectionModel().getSelectedItems())));
        Button ackAll = new Button("Acknowledge all", Icons.icon("mdoal-done_all"));
        ackAll.setId("acknowledgeAll");
        ackAll.disableProperty().bind(centre.unacknowledgedProperty().isEqualTo(0));
        ackAll.setOnAction(e -> centre.acknowledgeAll());
        Label hint = new Label("Double-click a failed order's notification to open the order.");
        hint.getStyleClass().add("muted");
        HBox actions = new HBox(8, ack, ackAll, hint);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("toolbar-row");
        getChildren().addAll(head, actions, list);
    }

    private final class NotificationCell extends ListCell<Notification> {
        @Override
        protected void updateItem(Notification n, boolean empty) {
            super.updateItem(n, empty);
            if (empty || n == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label titleLabel = new Label(n.title(), Icons.icon(n.kind().icon(), n.kind() == Notification.Kind.CONNECTION_LOST ? "state-waiting" : "state-failed"));
            titleLabel.setStyle(n.acknowledged() ? "" : "-fx-font-weight: bold;");
            Label at = new Label(TIME.format(n.at().atZone(zone)) + (n.acknowledged() ? " · acknowledged" : ""));
            at.getStyleClass().add("muted");
            Label text = new Label(n.text());
            text.setWrapText(true);
            text.setMaxWidth(1000);
            HBox top = new HBox(12, titleLabel, at);
            top.setAlignment(Pos.BASELINE_LEFT);
            setText(null);
            setGraphic(new VBox(2, top, text));
        }
    }
}
