package io.jobwerk.cockpit.ui;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A tooltip made when the pointer first enters its node, not with the node: each {@link Tooltip} is a
 * popup window of its own, and the first window's two dozen (navigation, header, dashboard tiles)
 * were ~7 % of the UI thread's CPU before the first frame.
 */
public final class HoverTooltip {
    private HoverTooltip() {}

    public static void install(Node node, String text) {
        EventHandler<MouseEvent> onFirstEnter = new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip tooltip = new Tooltip(text);
                if (node instanceof Control control) {
                    control.setTooltip(tooltip);
                } else {
                    Tooltip.install(node, tooltip);
                }
            }
        };
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, onFirstEnter);
    }
}
