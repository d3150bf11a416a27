package io.jobwerk.cockpit.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * A control with the reason it is disabled as its tooltip. A disabled control shows no tooltip
 * itself, so the tooltip sits on a wrapper around it: the reason while there is one, else what
 * the control does (its own tooltip, which moves to the wrapper).
 */
public final class Refusals {
    private Refusals() {}

    /** @param reason empty when the control may be used */
    public static Node withReason(Control control, ObservableStringValue reason) {
        String whatItDoes = control.getTooltip() == null ? "" : control.getTooltip().getText();
        return withReason(control, reason, whatItDoes);
    }

    public static Node withReason(Control control, ObservableStringValue reason, String whatItDoes) {
        control.setTooltip(null);
        StackPane wrapper = new StackPane(control);
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> reason.get().isEmpty() ? whatItDoes : reason.get(), reason));
        Tooltip.install(wrapper, tooltip);
        return wrapper;
    }
}
