package io.jobwerk.cockpit.connections;

import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.ui.Icons;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The shell's strip of connections, always in view: a chip per Controller with its state (dot and
 * words, the retry countdown), its orders and failed orders; a click shows it (and connects it if
 * it is not), the button at the end opens the Connections screen.
 */
public final class ConnectionStrip extends HBox {

    private final ConnectionsViewModel viewModel;
    private final HBox chips = new HBox();
    private final javafx.beans.value.ObservableBooleanValue leadingShown;

    /**
     * @param leading    a chip before the connections' (the shell's "All Controllers"), or null
     * @param leadingShown whether it is shown instead of one connection: then no connection's chip is marked current
     */
    public ConnectionStrip(ConnectionsViewModel viewModel, Runnable showConnections, Node leading,
                           javafx.beans.value.ObservableBooleanValue leadingShown) {
        this.leadingShown = leadingShown;
        this.viewModel = viewModel;
        getStyleClass().add("connection-strip");
        setId("connectionStrip");
        chips.setSpacing(6);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button manage = new Button("Connections", Icons.icon("mdoal-device_hub"));
        manage.setId("showConnections");
        manage.setTooltip(new Tooltip(KeyBinding.SHOW_CONNECTIONS.description() + " (" + KeyBinding.SHOW_CONNECTIONS.displayText() + "); "
                + KeyBinding.NEXT_CONNECTION.displayText() + " / " + KeyBinding.PREVIOUS_CONNECTION.displayText() + " switch"));
        manage.setOnAction(e -> showConnections.run());
        if (leading != null) {
            getChildren().add(leading);
        }
        getChildren().addAll(chips, spacer, manage);
        leadingShown.addListener((o, a, b) -> markCurrent());
        viewModel.entries().addListener((ListChangeListener<ConnectionEntry>) c -> rebuild());
        viewModel.currentProperty().addListener((o, a, b) -> markCurrent());
        rebuild();
    }

    private void rebuild() {
        chips.getChildren().setAll(viewModel.entries().stream().map(this::chip).toList());
        markCurrent();
    }

    private void markCurrent() {
        for (Node chip : chips.getChildren()) {
            chip.getStyleClass().remove("current");
            if (chip.getUserData() == viewModel.currentProperty().get() && !leadingShown.get()) {
                chip.getStyleClass().add("current");
            }
        }
    }

    private Node chip(ConnectionEntry entry) {
        FontIcon dot = Icons.icon("mdmz-radio_button_checked");
        Label name = new Label();
        name.getStyleClass().add("chip-name");
        name.textProperty().bind(Bindings.createStringBinding(() -> entry.profileProperty().get().name(), entry.profileProperty()));
        Label state = new Label();
        state.getStyleClass().add("chip-state");
        state.textProperty().bind(entry.stateTextProperty());
        Label counts = new Label();
        counts.getStyleClass().add("chip-counts");
        // no count before the first snapshot: "0 orders" would be a claim about a Controller not read yet
        counts.textProperty().bind(Bindings.createStringBinding(() -> entry.open().isEmpty()
                        || (entry.ordersProperty().get() == 0 && !entry.stateProperty().get().isConnected()) ? "" : entry.ordersProperty().get() + " orders",
                entry.ordersProperty(), entry.openProperty(), entry.stateProperty()));
        Label failed = new Label("", Icons.icon("mdoal-error", "state-failed"));
        failed.getStyleClass().add("chip-failed");
        failed.textProperty().bind(Bindings.createStringBinding(() -> entry.failedProperty().get() + " failed", entry.failedProperty()));
        failed.visibleProperty().bind(entry.failedProperty().greaterThan(0));
        failed.managedProperty().bind(failed.visibleProperty());
        HBox chip = new HBox(dot, name, state, counts, failed);
        chip.getStyleClass().add("connection-chip");
        chip.setId("connection-" + entry.profile().name().replaceAll("[^A-Za-z0-9_-]", "_"));
        chip.setUserData(entry);
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> entry.profile().controllerUri() + " as " + entry.profile().userId()
                + entry.stateProperty().get().problem().map(p -> "\n" + p).orElse(""), entry.stateProperty(), entry.profileProperty()));
        Tooltip.install(chip, tooltip);
        colour(dot, entry.stateProperty().get());
        entry.stateProperty().addListener((o, a, b) -> colour(dot, b));
        chip.setOnMouseClicked(e -> {
            viewModel.select(entry);
            if (entry.open().isEmpty()) {
                viewModel.connect(entry);
            }
        });
        return chip;
    }

    private static void colour(FontIcon dot, ConnectionState state) {
        dot.getStyleClass().removeIf(s -> s.startsWith("connection-"));
        dot.getStyleClass().add("connection-" + state.status().name().toLowerCase(Locale.ROOT));
    }
}
