package io.jobwerk.cockpit.designer;

import io.jobwerk.cockpit.designer.model.DesignValidation.DesignProblem;
import io.jobwerk.cockpit.graph.WorkflowGraph;
import io.jobwerk.cockpit.graph.WorkflowGraphView;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.engine.workflow.Position;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Shape;

/**
 * The workflow designer: the palette (left), the workflow's graph (drag an instruction onto a line
 * to insert it, drag an instruction to move it, click to select) or its JSON (centre), the selected
 * instruction's properties (right), problems and the simulation (below), and a toolbar with undo,
 * redo, cut, copy, paste, delete, zoom, fit and save. Every change goes through the
 * {@link DesignerViewModel}; the graph is laid out again after each edit.
 */
public final class DesignerView extends BorderPane {

    private final DesignerViewModel viewModel;
    private final SimulationViewModel simulation;
    private final WorkflowGraphView graph = new WorkflowGraphView();
    private final Map<Position, Region> nodeBoxes = new HashMap<>();
    private Optional<DragPayload> dragging = Optional.empty();
    private long lastLayoutNanos;
    private long lastDrawNanos;
    private final javafx.beans.property.ReadOnlyBooleanWrapper layoutPending = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final BackgroundLayout background = BackgroundLayout.shared(this::draw);
    private final QuickInsert quickInsert = new QuickInsert();

    public DesignerView(DesignerViewModel viewModel) {
        this.viewModel = viewModel;
        this.simulation = new SimulationViewModel(viewModel::workflow);
        setId("designer");
        getStyleClass().add("designer");
        graph.setId("designerGraph");
        graph.setNodeDecorator(this::decorateNode);
        graph.setEdgeDecorator(this::decorateEdge);
        graph.setPannable(false); // a drag on the graph moves instructions, not the view

        setTop(toolbar());
        ScrollPane paletteScroll = new ScrollPane(new Palette(payload -> dragging = Optional.of(payload)));
        paletteScroll.setFitToWidth(true);
        paletteScroll.setPrefWidth(170);
        setLeft(paletteScroll);

        Minimap minimap = new Minimap(graph);
        quickInsert.setOnChosen(kind -> {
            viewModel.insertAfterSelection(kind);
            requestFocus();
        });
        javafx.scene.layout.Pane bandLayer = new javafx.scene.layout.Pane();
        new RubberBand(graph, bandLayer, () -> nodeBoxes, (framed, add) -> {
            viewModel.selectFramed(framed, add);
            requestFocus();
        });
        StackPane graphArea = new StackPane(graph, bandLayer, minimap, quickInsert);
        StackPane.setAlignment(minimap, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(minimap, new Insets(0, 18, 18, 0));
        StackPane.setAlignment(quickInsert, Pos.TOP_CENTER);
        StackPane.setMargin(quickInsert, new Insets(24, 0, 0, 0));
        Tab graphTab = new Tab("Graph", graphArea);
        graphTab.setId("graphTab");
        Tab jsonTab = new Tab("JSON");
        jsonTab.setContent(jsonView(jsonTab));
        jsonTab.setId("jsonTab");
        TabPane centre = new TabPane(graphTab, jsonTab);
        centre.setId("designerTabs");
        centre.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        ListView<DesignProblem> problems = new ListView<>(viewModel.problems());
        problems.setId("designerProblems");
        problems.setPlaceholder(new Label("No problems: the workflow can be deployed."));
        problems.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(DesignProblem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.toString());
                setGraphic(empty || p == null ? null : Icons.icon("mdoal-error_outline", "danger"));
            }
        });
        problems.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null && p.position().isPresent()) {
                viewModel.selectedProperty().set(p.position());
                Optional.ofNullable(nodeBoxes.get(p.position().get())).ifPresent(graph::reveal); // where the problem is
            }
        });
        Tab problemsTab = new Tab("Problems", problems);
        problemsTab.setId("problemsTab");
        viewModel.problems().addListener((javafx.collections.ListChangeListener<DesignProblem>) c ->
                problemsTab.setText(viewModel.problems().isEmpty() ? "Problems" : "Problems (" + viewModel.problems().size() + ")"));
        Tab simulationTab = new Tab("Simulation", new SimulationPane(simulation, viewModel));
        simulationTab.setId("simulationTab");
        Tab jobsTab = new Tab("Jobs", new JobListPane(viewModel));
        jobsTab.setId("jobsTab");
        TabPane bottom = new TabPane(problemsTab, simulationTab, jobsTab);
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(centre, bottom);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.74);
        setCenter(split);

        ScrollPane properties = new ScrollPane(new PropertyPane(viewModel));
        properties.setFitToWidth(true);
        properties.setPrefWidth(420); // room for a line of the admission-time form
        properties.getStyleClass().add("designer-properties-scroll");
        setRight(properties);

        viewModel.historyProperty().addListener((o, a, h) -> {
            layoutPending.set(true);
            background.request(h.current());
        });
        viewModel.selectedProperty().addListener((o, a, b) -> markSelection());
        viewModel.selectionProperty().addListener((o, a, b) -> markSelection());
        viewModel.problems().addListener((javafx.collections.ListChangeListener<DesignProblem>) c -> markProblems());
        simulation.stepProperty().addListener((o, a, b) -> markSimulation());
        simulation.simulationProperty().addListener((o, a, b) -> markSimulation());
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        // a drag that ends anywhere but on a target does nothing
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> dragging = Optional.empty());
        draw(BackgroundLayout.layout(viewModel.workflow(), System.nanoTime())); // the first drawing at once: the screen opens complete
    }

    public DesignerViewModel viewModel() {
        return viewModel;
    }

    public SimulationViewModel simulation() {
        return simulation;
    }

    public WorkflowGraphView graph() {
        return graph;
    }

    /** From the last edit to its graph drawn (layout in the background, drawing on the FX thread), in nanoseconds. */
    public long lastLayoutNanos() {
        return lastLayoutNanos;
    }

    /** How long the FX thread took to draw the last layout, in nanoseconds. */
    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    /** True from an edit until its graph is drawn (tests wait for it to turn false). */
    public javafx.beans.property.ReadOnlyBooleanProperty layoutPendingProperty() {
        return layoutPending.getReadOnlyProperty();
    }

    private ToolBar toolbar() {
        Button undo = button("Undo", "mdmz-undo", "undo", "Undo (Ctrl+Z)", viewModel::undo);
        Button redo = button("Redo", "mdmz-redo", "redo", "Redo (Ctrl+Y)", viewModel::redo);
        viewModel.historyProperty().addListener((o, a, h) -> {
            undo.setDisable(!h.canUndo());
            redo.setDisable(!h.canRedo());
            undo.getTooltip().setText(h.undoDescription().map(d -> "Undo " + d).orElse("Nothing to undo") + " (Ctrl+Z)");
            redo.getTooltip().setText(h.redoDescription().map(d -> "Redo " + d).orElse("Nothing to redo") + " (Ctrl+Y)");
        });
        undo.setDisable(true);
        redo.setDisable(true);
        Button cut = button("Cut", "mdoal-content_cut", "cut", "Cut (Ctrl+X)", viewModel::cutSelected);
        Button copy = button("Copy", "mdoal-content_copy", "copy", "Copy (Ctrl+C)", viewModel::copySelected);
        Button paste = button("Paste", "mdoal-content_paste", "paste", "Paste after the selection (Ctrl+V)", viewModel::pasteAfterSelection);
        Button delete = button("Delete", "mdoal-delete", "delete", "Delete (Del)", viewModel::deleteSelected);
        Button zoomOut = button("", "mdmz-zoom_out", "zoomOut", "Zoom out (Ctrl+-)", () -> graph.setZoom(graph.zoomProperty().get() / 1.2));
        Button zoomIn = button("", "mdmz-zoom_in", "zoomIn", "Zoom in (Ctrl++)", () -> graph.setZoom(graph.zoomProperty().get() * 1.2));
        Button fit = button("Fit", "mdmz-zoom_out_map", "fit", "Fit the workflow into view (Ctrl+0)", graph::fit);
        Label zoom = new Label();
        zoom.textProperty().bind(graph.zoomProperty().multiply(100).asString("%.0f %%"));
        Button save = button("Save", "mdmz-save", "save", "Save (Ctrl+S)", viewModel::save);
        save.disableProperty().bind(viewModel.changedProperty().not());
        Label state = new Label();
        state.setId("designerState");
        Runnable showState = () -> state.setText((viewModel.changedProperty().get() ? "changed · " : "saved · ")
                + (viewModel.problems().isEmpty() ? "valid" : viewModel.problems().size() + " problem" + (viewModel.problems().size() == 1 ? "" : "s")));
        viewModel.changedProperty().addListener((o, a, b) -> showState.run());
        viewModel.problems().addListener((javafx.collections.ListChangeListener<DesignProblem>) c -> showState.run());
        showState.run();
        Label message = new Label();
        message.setId("designerMessage");
        message.getStyleClass().add("designer-message");
        message.textProperty().bind(viewModel.messageProperty());
        Region grow = new Region();
        javafx.scene.layout.HBox.setHgrow(grow, Priority.ALWAYS);
        return new ToolBar(undo, redo, new Separator(), cut, copy, paste, delete, new Separator(), zoomOut, zoom, zoomIn, fit,
                new Separator(), message, grow, state, save);
    }

    private static Button button(String text, String icon, String id, String tip, Runnable action) {
        Button b = new Button(text, Icons.icon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    private void refreshJson(TextArea json) {
        if (!json.isFocused() && !json.getText().equals(viewModel.jsonProperty().get())) {
            json.setText(viewModel.jsonProperty().get());
        }
    }

    private VBox jsonView(Tab tab) {
        TextArea json = new TextArea(viewModel.jsonProperty().get());
        json.setId("jsonText");
        json.getStyleClass().add("json-text");
        Label problem = new Label();
        problem.setId("jsonProblem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(viewModel.jsonProblemProperty());
        Button apply = new Button("Apply JSON");
        apply.setId("applyJson");
        apply.setOnAction(e -> viewModel.applyJson(json.getText()));
        // the model's JSON replaces the text unless the operator is typing in it
        // the model's JSON replaces the text unless the operator is typing in it; while the tab is hidden
        // it waits (laying out a 200-instruction JSON text cost more than drawing the graph)
        viewModel.jsonProperty().addListener((o, a, text) -> {
            if (tab.isSelected() && (!json.isFocused() || a.equals(json.getText()))) {
                json.setText(text);
            }
        });
        tab.selectedProperty().addListener((o, was, is) -> refreshJson(json));
        json.focusedProperty().addListener((o, was, is) -> {
            if (!is && !json.getText().equals(viewModel.jsonProperty().get())) {
                viewModel.applyJson(json.getText());
            }
        });
        VBox.setVgrow(json, Priority.ALWAYS);
        Label hint = new Label("Edits here change the graph when applied (Apply, or leaving the text); the graph's edits show here at once.");
        hint.getStyleClass().add("hint");
        VBox box = new VBox(6, hint, json, new javafx.scene.layout.HBox(8, apply, problem));
        box.setPadding(new Insets(6));
        return box;
    }

    private void draw(BackgroundLayout.Laid laid) {
        long start = System.nanoTime();
        nodeBoxes.clear();
        graph.show(laid.graph(), laid.layout());
        markSelection();
        markProblems();
        markSimulation();
        long end = System.nanoTime();
        lastDrawNanos = end - start;
        lastLayoutNanos = end - laid.requestedNanos();
        layoutPending.set(laid.workflow() != viewModel.workflow());
    }

    private void decorateNode(WorkflowGraph.Node node, Region box) {
        if (node.kind() == WorkflowGraph.NodeKind.PLACEHOLDER) {
            node.position().ifPresent(p -> dropTarget(box, p));
            return;
        }
        if (node.position().isEmpty()) {
            return;
        }
        Position position = node.position().get();
        nodeBoxes.put(position, box);
        if (node.kind() == WorkflowGraph.NodeKind.END) {
            return; // marked by the simulation, but nothing to select or move
        }
        box.setCursor(Cursor.HAND);
        box.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                if (e.isShiftDown()) {
                    viewModel.extendSelectionTo(position);
                } else if (e.isShortcutDown()) {
                    viewModel.toggleSelection(position);
                } else {
                    viewModel.selectedProperty().set(Optional.of(position));
                }
                requestFocus();
            }
        });
        box.setOnDragDetected(e -> {
            dragging = Optional.of(viewModel.isInMultiSelection(position) ? new DragPayload.MovingSelection() : new DragPayload.Moving(position));
            box.startFullDrag();
            e.consume();
        });
    }

    private void decorateEdge(WorkflowGraph.Edge edge, Shape target) {
        target.setFill(null); // only the wide stroke along the line takes the drop
        edge.insertAt().ifPresent(at -> {
            target.setId(dropTargetId(at));
            dropTarget(target, at);
        });
    }

    /** The JavaFX id of the (first) line that inserts at this position, e.g. {@code drop-1_then_0}. */
    public static String dropTargetId(Position at) {
        return "drop-" + WorkflowGraphView.nodeId(at.toString()).substring("node-".length());
    }

    private void dropTarget(javafx.scene.Node target, Position at) {
        PseudoClass hover = PseudoClass.getPseudoClass("drop-hover");
        target.setOnMouseDragEntered(e -> target.pseudoClassStateChanged(hover, dragging.isPresent()));
        target.setOnMouseDragExited(e -> target.pseudoClassStateChanged(hover, false));
        target.setOnMouseDragReleased(e -> {
            target.pseudoClassStateChanged(hover, false);
            Optional<DragPayload> payload = dragging;
            dragging = Optional.empty();
            payload.ifPresent(p -> {
                if (p instanceof DragPayload.NewInstruction n) {
                    viewModel.insert(n.kind(), at);
                } else if (p instanceof DragPayload.Moving m) {
                    viewModel.move(m.from(), at);
                } else if (p instanceof DragPayload.MovingSelection) {
                    viewModel.moveSelected(at);
                }
            });
            e.consume();
        });
    }

    private void markSelection() {
        PseudoClass selected = PseudoClass.getPseudoClass("selected");
        java.util.Set<Position> s = new java.util.HashSet<>(viewModel.selectionProperty().get());
        viewModel.selectedProperty().get().ifPresent(s::add);
        nodeBoxes.forEach((p, box) -> box.pseudoClassStateChanged(selected, s.contains(p)));
    }

    private void markProblems() {
        PseudoClass invalid = PseudoClass.getPseudoClass("invalid");
        nodeBoxes.forEach((p, box) -> box.pseudoClassStateChanged(invalid,
                viewModel.problems().stream().anyMatch(problem -> problem.position().equals(Optional.of(p)))));
    }

    private void markSimulation() {
        PseudoClass visited = PseudoClass.getPseudoClass("sim-visited");
        PseudoClass current = PseudoClass.getPseudoClass("sim-current");
        SimulationViewModel.Path path = simulation.path();
        nodeBoxes.forEach((p, box) -> {
            box.pseudoClassStateChanged(visited, path.visited().contains(p));
            box.pseudoClassStateChanged(current, path.current().equals(Optional.of(p)));
        });
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl || e.getTarget() instanceof org.fxmisc.richtext.CodeArea) {
            return; // typing: the text control's own undo, cut, copy and paste
        }
        for (DesignerKey key : DesignerKey.values()) {
            if (key.combination().match(e)) {
                if (key.needsGraphFocus() && !inGraph(e)) {
                    return; // arrows and Enter keep their meaning in the palette, the problems and the tabs
                }
                switch (key) {
                    case UNDO -> viewModel.undo();
                    case REDO -> viewModel.redo();
                    case CUT -> viewModel.cutSelected();
                    case COPY -> viewModel.copySelected();
                    case PASTE -> viewModel.pasteAfterSelection();
                    case DELETE -> viewModel.deleteSelected();
                    case ZOOM_IN -> graph.setZoom(graph.zoomProperty().get() * 1.2);
                    case ZOOM_OUT -> graph.setZoom(graph.zoomProperty().get() / 1.2);
                    case FIT -> graph.fit();
                    case SAVE -> viewModel.save();
                    case INSERT, INSERT_ALT -> quickInsert.open();
                    case NEXT -> viewModel.selectNext(true);
                    case PREVIOUS -> viewModel.selectNext(false);
                    case EXTEND_NEXT -> viewModel.extendSelection(true);
                    case EXTEND_PREVIOUS -> viewModel.extendSelection(false);
                    case UNSELECT -> viewModel.selectedProperty().set(Optional.empty());
                }
                if (key == DesignerKey.NEXT || key == DesignerKey.PREVIOUS || key == DesignerKey.EXTEND_NEXT || key == DesignerKey.EXTEND_PREVIOUS) {
                    viewModel.selectedProperty().get().map(nodeBoxes::get).ifPresent(graph::reveal);
                }
                e.consume();
                return;
            }
        }
    }

    /** Whether the key went to the graph, or to the designer itself (a click on a box focuses it). */
    private boolean inGraph(KeyEvent e) {
        if (e.getTarget() == this) {
            return true;
        }
        for (javafx.scene.Node n = e.getTarget() instanceof javafx.scene.Node t ? t : null; n != null; n = n.getParent()) {
            if (n == graph) {
                return true;
            }
        }
        return false;
    }

    /**
     * The designer's shortcuts; they act only in the designer, never while typing in a field, and
     * the cheat sheet ({@code ?}) lists them under "Designer". Arrows and Insert act on the graph.
     */
    public enum DesignerKey {
        UNDO("Shortcut+Z", "Undo"), REDO("Shortcut+Y", "Redo"), CUT("Shortcut+X", "Cut the selected instructions"),
        COPY("Shortcut+C", "Copy the selected instructions"), PASTE("Shortcut+V", "Paste after the selection"),
        DELETE("Delete", "Delete the selected instructions"),
        INSERT("Insert", "Insert after the selection: type to choose, Enter", true),
        INSERT_ALT("Shortcut+Enter", "The same, without an Insert key", true),
        NEXT("Down", "Select the next instruction", true), PREVIOUS("Up", "Select the previous instruction", true),
        EXTEND_NEXT("Shift+Down", "Select the next one of the block too", true),
        EXTEND_PREVIOUS("Shift+Up", "Select the previous one of the block too", true),
        UNSELECT("Escape", "Select nothing", true),
        ZOOM_IN("Shortcut+Plus", "Zoom in"), ZOOM_OUT("Shortcut+Minus", "Zoom out"), FIT("Shortcut+0", "Fit the workflow into view"),
        SAVE("Shortcut+S", "Save");

        private final KeyCombination combination;
        private final String description;
        private final boolean needsGraphFocus;

        DesignerKey(String combination, String description) {
            this(combination, description, false);
        }

        DesignerKey(String combination, String description, boolean needsGraphFocus) {
            this.combination = KeyCombination.valueOf(combination);
            this.description = description;
            this.needsGraphFocus = needsGraphFocus;
        }

        public KeyCombination combination() {
            return combination;
        }

        /** What the key does, for the cheat sheet. */
        public String description() {
            return description;
        }

        boolean needsGraphFocus() {
            return needsGraphFocus;
        }
    }
}
