package io.jobwerk.cockpit.designer;

import io.jobwerk.cockpit.designer.model.InstructionTemplates;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.engine.workflow.Instruction;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;

/**
 * The palette from the keyboard: a box over the graph with a text field that filters the
 * instructions as one types (names starting with the text first, then those containing it);
 * Up/Down choose, Enter inserts the chosen one, Escape closes. Not a popup window, so it stays in
 * the designer's layout and a headless test drives it as any control.
 */
final class QuickInsert extends VBox {

    private final TextField filter = new TextField();
    private final ObservableList<Instruction.Kind> shown = FXCollections.observableArrayList(InstructionTemplates.PALETTE);
    private final ListView<Instruction.Kind> list = new ListView<>(shown);
    private Consumer<Instruction.Kind> onChosen = k -> { };

    QuickInsert() {
        super(4);
        setId("quickInsert");
        getStyleClass().add("quick-insert");
        setMaxSize(260, 320);
        setStyle("-fx-background-color: -color-bg-default; -fx-border-color: -color-accent-emphasis; -fx-border-radius: 6;"
                + " -fx-background-radius: 6; -fx-padding: 8; -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.25), 12, 0, 0, 3);");
        Label title = new Label("Insert after the selection");
        title.getStyleClass().add("muted");
        filter.setId("quickInsertFilter");
        filter.setPromptText("Type to filter: job, if, fork …");
        list.setId("quickInsertList");
        list.setPrefHeight(260);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Instruction.Kind kind, boolean empty) {
                super.updateItem(kind, empty);
                setText(empty || kind == null ? null : InstructionTemplates.name(kind));
                setGraphic(empty || kind == null ? null : Icons.icon(DesignerIcons.of(kind)));
            }
        });
        filter.textProperty().addListener((o, a, text) -> filterBy(text));
        filter.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        list.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                choose();
            }
        });
        getChildren().addAll(title, filter, list);
        setVisible(false);
        setManaged(false);
    }

    void setOnChosen(Consumer<Instruction.Kind> onChosen) {
        this.onChosen = onChosen;
    }

    void open() {
        filter.clear();
        filterBy("");
        setVisible(true);
        setManaged(true);
        filter.requestFocus();
    }

    void close() {
        setVisible(false);
        setManaged(false);
    }

    /** The instructions whose names match the text: those starting with it first, then those containing it. */
    static java.util.List<Instruction.Kind> matching(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return InstructionTemplates.PALETTE.stream()
                .filter(k -> InstructionTemplates.name(k).toLowerCase(Locale.ROOT).contains(t))
                .sorted(Comparator.comparing(k -> !InstructionTemplates.name(k).toLowerCase(Locale.ROOT).startsWith(t)))
                .toList();
    }

    private void filterBy(String text) {
        shown.setAll(matching(text));
        list.getSelectionModel().selectFirst();
    }

    private void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            choose();
        } else if (e.getCode() == KeyCode.ESCAPE) {
            close();
        } else if (e.getCode() == KeyCode.DOWN && e.getTarget() == filter) {
            list.getSelectionModel().selectNext();
        } else if (e.getCode() == KeyCode.UP && e.getTarget() == filter) {
            list.getSelectionModel().selectPrevious();
        } else {
            return;
        }
        e.consume();
    }

    private void choose() {
        Instruction.Kind kind = list.getSelectionModel().getSelectedItem();
        close();
        if (kind != null) {
            onChosen.accept(kind);
        }
    }
}
