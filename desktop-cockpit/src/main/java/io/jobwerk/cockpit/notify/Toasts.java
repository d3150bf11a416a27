package io.jobwerk.cockpit.notify;

import io.jobwerk.cockpit.ui.Icons;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows the notification centre's toasts (ControlsFX {@link Notifications}) at the bottom right of
 * the window {@code anchor} is in; a click opens the order or the centre. Apart from the centre's
 * page, so the page is built only when the operator opens it.
 */
public final class Toasts {

    private final Node anchor;
    private final Consumer<String> openOrder;
    private final Runnable showCentre;

    /**
     * @param openOrder  opens an order's detail
     * @param showCentre shows the centre's page
     */
    public Toasts(Node anchor, Consumer<String> openOrder, Runnable showCentre) {
        this.anchor = anchor;
        this.openOrder = openOrder;
        this.showCentre = showCentre;
    }

    public void show(NotificationCentre.Toast toast) {
        Node owner = anchor;
        while (owner.getParent() != null) {
            owner = owner.getParent();
        }
        if (owner.getScene() == null || owner.getScene().getWindow() == null || !owner.getScene().getWindow().isShowing()) {
            return; // no window yet (or any more): the centre has it anyway
        }
        Notifications.create()
                .title(toast.title())
                .text(toast.text())
                .graphic(Icons.icon(toast.single().map(s -> s.kind().icon()).orElse("mdomz-notifications"), toast.error() ? "state-failed" : "state-waiting"))
                .owner(owner.getScene().getWindow())
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(8))
                .onAction(e -> {
                    if (toast.single().flatMap(Notification::orderId).isPresent()) {
                        openOrder.accept(toast.single().get().orderId().get());
                    } else {
                        showCentre.run();
                    }
                })
                .show();
    }
}
