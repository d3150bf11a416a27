package io.jobwerk.cockpit.allcontrollers;

import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.ui.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** The strip's first chip: all Controllers together, with their orders and failed orders summed; a click shows them. */
public final class AllControllersChip extends HBox {

    public AllControllersChip(AllOrdersViewModel viewModel, ObservableBooleanValue shown, Runnable show) {
        Label name = new Label("All Controllers", Icons.icon("mdoal-dns"));
        name.getStyleClass().add("chip-name");
        Label counts = new Label();
        counts.getStyleClass().add("chip-counts");
        counts.textProperty().bind(Bindings.createStringBinding(() -> viewModel.controllers().isEmpty() ? "none connected"
                : viewModel.countsProperty().get().total() + " orders", viewModel.countsProperty()));
        Label failed = new Label("", Icons.icon("mdoal-error", "state-failed"));
        failed.getStyleClass().add("chip-failed");
        failed.textProperty().bind(Bindings.createStringBinding(() -> viewModel.countsProperty().get().count(StateGroup.FAILED) + " failed",
                viewModel.countsProperty()));
        failed.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.countsProperty().get().count(StateGroup.FAILED) > 0,
                viewModel.countsProperty()));
        failed.managedProperty().bind(failed.visibleProperty());
        getChildren().addAll(name, counts, failed);
        getStyleClass().addAll("connection-chip", "all-controllers-chip");
        setId("connection-all");
        Tooltip.install(this, new Tooltip("The orders of every connected Controller in one table ("
                + KeyBinding.SHOW_ALL_CONTROLLERS.displayText() + ")"));
        setOnMouseClicked(e -> show.run());
        shown.addListener((o, a, b) -> mark(b));
        mark(shown.get());
    }

    private void mark(boolean current) {
        getStyleClass().remove("current");
        if (current) {
            getStyleClass().add("current");
        }
    }
}
