package io.jobwerk.cockpit.main;

import io.jobwerk.cockpit.designer.DesignerView.DesignerKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The {@code ?} sheet: every {@link KeyBinding}, grouped, with its keys, and the designer's keys. The
 * groups are set in three columns so the sheet fits a 1440×900 window; a smaller window scrolls it.
 */
public final class CheatSheetView extends VBox {

    private static final double DESCRIPTION_WIDTH = 250; // longer descriptions wrap

    public CheatSheetView() {
        getStyleClass().add("cheat-sheet");
        setId("cheatSheet");
        setSpacing(8);
        setPadding(new Insets(16));
        setStyle("-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default; -fx-border-radius: 8; -fx-background-radius: 8;");
        setMaxWidth(Region.USE_PREF_SIZE);
        setMaxHeight(Region.USE_PREF_SIZE);
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("section-title");

        Map<String, List<KeyBinding>> groups = new LinkedHashMap<>();
        for (KeyBinding binding : KeyBinding.values()) {
            groups.computeIfAbsent(binding.group(), g -> new ArrayList<>()).add(binding);
        }
        // the Cockpit's groups in two columns of about equal height, split between groups
        int half = (KeyBinding.values().length + groups.size()) / 2;
        GridPane first = column();
        GridPane second = column();
        int rows = 0;
        for (Map.Entry<String, List<KeyBinding>> group : groups.entrySet()) {
            GridPane into = rows < half ? first : second;
            header(into, group.getKey());
            group.getValue().forEach(b -> line(into, b.displayText(), b.description()));
            rows += 1 + group.getValue().size();
        }
        GridPane designer = column(); // they act only in the designer
        header(designer, "Designer (Inventory → a workflow's Designer tab)");
        for (DesignerKey key : DesignerKey.values()) {
            line(designer, key.combination().getDisplayText(), key.description());
        }
        Label click = new Label("Shift-click / Ctrl-click: select several instructions; drag on the empty graph: those in the frame (with Shift or Ctrl: besides the selection)");
        click.setWrapText(true);
        click.setMaxWidth(DESCRIPTION_WIDTH + 120);
        designer.add(click, 0, designer.getRowCount(), 2, 1);

        HBox columns = new HBox(28, first, second, designer);
        columns.setAlignment(Pos.TOP_LEFT);
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.prefViewportWidthProperty().bind(columns.widthProperty());
        scroll.prefViewportHeightProperty().bind(columns.heightProperty());
        // never taller than the window below the overlay's offset (a small window scrolls)
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scroll.maxHeightProperty().bind(scene.heightProperty().subtract(200));
            }
        });
        Label close = new Label("Escape or a click closes this.");
        close.getStyleClass().add("muted");
        getChildren().addAll(title, scroll, close);
    }

    private static GridPane column() {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(5);
        return grid;
    }

    private static void header(GridPane grid, String group) {
        Label g = new Label(group);
        g.getStyleClass().add("muted");
        g.setPadding(new Insets(grid.getRowCount() == 0 ? 0 : 8, 0, 0, 0));
        grid.add(g, 0, grid.getRowCount(), 2, 1);
    }

    private static void line(GridPane grid, String keys, String description) {
        Label key = new Label(keys);
        key.getStyleClass().add("key");
        key.setMinWidth(Region.USE_PREF_SIZE); // "Shift+↓", not "Shi…"
        Label what = new Label(description);
        what.setWrapText(true);
        what.setMaxWidth(DESCRIPTION_WIDTH);
        int row = grid.getRowCount();
        grid.add(key, 0, row);
        grid.add(what, 1, row);
    }
}
