package io.jobwerk.cockpit.main;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The {@code ?} sheet: every {@link KeyBinding}, grouped, with its keys. */
public final class CheatSheetView extends VBox {

    public CheatSheetView() {
        getStyleClass().add("cheat-sheet");
        setId("cheatSheet");
        setSpacing(8);
        setPadding(new Insets(16));
        setStyle("-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default; -fx-border-radius: 8; -fx-background-radius: 8;");
        setMaxSize(520, 480);
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("section-title");
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(6);
        int row = 0;
        String group = "";
        for (KeyBinding binding : KeyBinding.values()) {
            if (!binding.group().equals(group)) {
                group = binding.group();
                Label g = new Label(group);
                g.getStyleClass().add("muted");
                g.setPadding(new Insets(row == 0 ? 0 : 8, 0, 0, 0));
                grid.add(g, 0, row++, 2, 1);
            }
            Label key = new Label(binding.displayText());
            key.getStyleClass().add("key");
            grid.add(key, 0, row);
            grid.add(new Label(binding.description()), 1, row++);
        }
        Label close = new Label("Escape or a click closes this.");
        close.getStyleClass().add("muted");
        getChildren().addAll(title, grid, close);
    }
}
