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
        setMaxSize(1000, 560);
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
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.add(key, 0, row);
            grid.add(new Label(binding.description()), 1, row++);
        }
        // the designer's keys (they act only in the designer) in a second column
        int designerRow = 0;
        Label designer = new Label("Designer (Inventory → a workflow's Designer tab)");
        designer.getStyleClass().add("muted");
        grid.add(designer, 2, designerRow++, 2, 1);
        for (io.jobwerk.cockpit.designer.DesignerView.DesignerKey key : io.jobwerk.cockpit.designer.DesignerView.DesignerKey.values()) {
            Label keyLabel = new Label(key.combination().getDisplayText());
            keyLabel.getStyleClass().add("key");
            keyLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Shift+↓", not "Shi…"
            grid.add(keyLabel, 2, designerRow);
            grid.add(new Label(key.description()), 3, designerRow++);
        }
        grid.add(new Label("Shift-click / Ctrl-click: select several instructions"), 2, designerRow, 2, 1);
        Label close = new Label("Escape or a click closes this.");
        close.getStyleClass().add("muted");
        getChildren().addAll(title, grid, close);
    }
}
