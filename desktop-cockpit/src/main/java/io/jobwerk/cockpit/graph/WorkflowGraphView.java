package io.jobwerk.cockpit.graph;

import io.jobwerk.cockpit.live.GroupCounts;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.engine.workflow.Position;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

/**
 * Draws a {@link WorkflowGraph} laid out by {@link GraphLayout}: a box per node (icon, title, a
 * detail line), orthogonal edges with arrows and branch labels, and per instruction badges with the
 * number of orders there by state group ({@link #setCounts}, cheap: no new layout). Read-only here;
 * the designer reuses it and adds its own handlers through {@link #setOnNodeClicked}.
 */
public final class WorkflowGraphView extends ScrollPane {

    private final Pane canvas = new Pane();
    private final javafx.scene.transform.Scale scale = new javafx.scene.transform.Scale(1, 1, 0, 0);
    private final javafx.beans.property.DoubleProperty zoom = new javafx.beans.property.SimpleDoubleProperty(1);
    private final javafx.beans.property.ObjectProperty<GraphLayout.Laid> layout = new javafx.beans.property.SimpleObjectProperty<>();
    private final Map<Position, HBox> badgeRows = new HashMap<>();
    private BiConsumer<WorkflowGraph.Node, StateGroup> onBadgeClicked = (n, g) -> { };
    private BiConsumer<WorkflowGraph.Node, javafx.scene.layout.Region> nodeDecorator = (n, r) -> { };
    private java.util.function.Consumer<WorkflowGraph.Node> onNodeClicked = n -> { };
    private final Map<String, VBox> drawnNodes = new HashMap<>();
    private final Map<Position, WorkflowGraph.Node> positionNodes = new HashMap<>();
    private final EdgeShapes edges = new EdgeShapes();
    private final Pane nodeLayer = layer();
    private final Pane badgeLayer = layer();

    private static Pane layer() {
        Pane layer = new Pane();
        layer.setPickOnBounds(false); // clicks between its children reach the layers below
        return layer;
    }

    public WorkflowGraphView() {
        getStyleClass().add("graph");
        canvas.getStyleClass().add("graph");
        canvas.getTransforms().add(scale);
        canvas.getChildren().addAll(edges.layer(), nodeLayer, badgeLayer);
        scale.xProperty().bind(zoom);
        scale.yProperty().bind(zoom);
        // A pane sized to the zoomed graph, so the scroll pane sees the zoomed size; not a Group, whose
        // bounds follow its children: the scroll pane's listener then laid the graph out on every box's move
        Pane zoomed = new Pane(canvas);
        zoomed.prefWidthProperty().bind(canvas.prefWidthProperty().multiply(zoom));
        zoomed.prefHeightProperty().bind(canvas.prefHeightProperty().multiply(zoom));
        zoomed.setMinSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        zoomed.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        // Centred when narrower than the view (a fitted or small graph), scrolling when wider: the holder
        // fills the viewport's width but never gets narrower than the graph.
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(zoomed);
        holder.setAlignment(javafx.geometry.Pos.TOP_CENTER);
        setFitToWidth(true);
        setContent(holder);
        setPannable(true);
    }

    /** The scale the graph is drawn at (1 = 100 %), clamped to 20 … 200 %. */
    public javafx.beans.property.DoubleProperty zoomProperty() {
        return zoom;
    }

    public void setZoom(double value) {
        zoom.set(Math.max(0.2, Math.min(2.0, value)));
    }

    /** Zooms so the whole graph fits the visible area (never above 100 %). */
    public void fit() {
        GraphLayout.Laid laid = layout.get();
        if (laid != null && getViewportBounds().getWidth() > 0) {
            setZoom(Math.min(1.0, Math.min(getViewportBounds().getWidth() / (laid.width() + 80),
                    getViewportBounds().getHeight() / (laid.height() + 20))));
        }
    }

    /** Scrolls so that this node of the graph (a box, an edge) is in the middle of the view, as far as possible. */
    public void reveal(Node node) {
        layout();
        javafx.geometry.Bounds b = canvas.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double zoomNow = zoom.get();
        double contentW = canvas.getPrefWidth() * zoomNow;
        double contentH = canvas.getPrefHeight() * zoomNow;
        double viewW = getViewportBounds().getWidth();
        double viewH = getViewportBounds().getHeight();
        if (contentW > viewW) {
            setHvalue(Math.max(0, Math.min(1, (b.getCenterX() * zoomNow - viewW / 2) / (contentW - viewW))));
        }
        if (contentH > viewH) {
            setVvalue(Math.max(0, Math.min(1, (b.getCenterY() * zoomNow - viewH / 2) / (contentH - viewH))));
        }
    }

    /** The last layout drawn (boxes and edges in unzoomed coordinates), e.g. for a minimap. */
    public javafx.beans.property.ReadOnlyObjectProperty<GraphLayout.Laid> layoutProperty() {
        return layout;
    }

    /** Called with each node and its box as it is drawn: the designer adds selection and drag handlers. */
    public void setNodeDecorator(BiConsumer<WorkflowGraph.Node, javafx.scene.layout.Region> decorator) {
        this.nodeDecorator = decorator;
    }

    /**
     * Called with each edge that has an insertion point and a wide invisible shape along it (CSS class
     * {@code graph-edge-target}): the designer makes it a drop target. Without a decorator no such
     * shapes are drawn.
     */
    public void setEdgeDecorator(BiConsumer<WorkflowGraph.Edge, javafx.scene.shape.Shape> decorator) {
        edges.setDecorator(decorator);
    }

    /** Called with the node and the state group of a badge the user clicked. */
    public void setOnBadgeClicked(BiConsumer<WorkflowGraph.Node, StateGroup> handler) {
        this.onBadgeClicked = handler;
    }

    /** Called with the node (an instruction, the start or the end) the user clicked. */
    public void setOnNodeClicked(java.util.function.Consumer<WorkflowGraph.Node> handler) {
        this.onNodeClicked = handler;
    }

    /** Marks the node with this graph id as selected ({@code selected} style class), none when empty. */
    public void markSelected(String graphNodeId) {
        drawnNodes.forEach((id, n) -> n.getStyleClass().remove("selected"));
        Node node = drawnNodes.get(graphNodeId);
        if (node != null) {
            node.getStyleClass().add("selected");
        }
    }

    /** Marks nodes with a style class (e.g. {@code skipped}, {@code stopped}), replacing the marks of that class. */
    public void mark(String styleClass, java.util.Set<String> graphNodeIds) {
        drawnNodes.forEach((id, n) -> {
            n.getStyleClass().remove(styleClass);
            if (graphNodeIds.contains(id)) {
                n.getStyleClass().add(styleClass);
            }
        });
    }

    /** Lays the graph out (ELK, on this thread) and draws it. */
    public void setGraph(WorkflowGraph graph) {
        show(graph, GraphLayout.layout(graph, NodeSizes::of));
    }

    /**
     * Draws the graph at the positions given. The box of a node id drawn before is kept and only its
     * texts, icon and place change (kinds are pseudo-classes {@code :job}, {@code :terminal},
     * {@code :placeholder}, not style classes, and ids stay): creating a box, or changing its id or
     * style classes, makes JavaFX match it against every rule of the theme again, which cost most of
     * a redraw. Edge shapes are reused likewise. Layers are panes, not groups: a group recomputes its
     * bounds from all children on each child's move.
     */
    public void show(WorkflowGraph graph, GraphLayout.Laid laid) {
        layout.set(laid);
        edges.show(laid.edges());
        Map<String, VBox> drawn = new HashMap<>();
        positionNodes.clear();
        List<Node> added = new java.util.ArrayList<>();
        for (WorkflowGraph.Node node : graph.nodes()) {
            VBox box = drawnNodes.remove(node.id());
            if (box == null) {
                box = newNode(node.id());
                added.add(box);
            }
            place(box, node, laid.boxes().get(node.id()));
            drawn.put(node.id(), box);
            node.position().ifPresent(p -> positionNodes.put(p, node));
        }
        if (!drawnNodes.isEmpty()) {
            java.util.Set<Node> unused = new java.util.HashSet<>(drawnNodes.values());
            nodeLayer.getChildren().removeIf(unused::contains);
        }
        nodeLayer.getChildren().addAll(added);
        drawnNodes.clear();
        drawnNodes.putAll(drawn);
        badgeLayer.getChildren().clear();
        badgeRows.clear();
        canvas.setPrefSize(laid.width() + 80, laid.height() + 20);
    }

    /** The orders at each position, by state group: the badges next to the nodes. */
    public void setCounts(Map<Position, GroupCounts> counts) {
        badgeLayer.getChildren().clear();
        badgeRows.clear();
        GraphLayout.Laid laid = layout.get();
        if (laid == null) {
            return;
        }
        counts.forEach((position, c) -> {
            WorkflowGraph.Node node = positionNodes.get(position);
            GraphLayout.Box box = node == null ? null : laid.boxes().get(node.id());
            if (box == null) {
                return;
            }
            HBox row = new HBox(3);
            row.setLayoutX(box.x() + box.width() + 6);
            row.setLayoutY(box.y() + (box.height() - 18) / 2);
            for (StateGroup group : StateGroup.values()) {
                int n = c.count(group);
                if (n > 0) {
                    Label badge = new Label(Integer.toString(n), Icons.icon(group.icon()));
                    badge.getStyleClass().addAll("graph-badge", group.styleClass());
                    badge.setTooltip(new Tooltip(n + " " + group.label().toLowerCase(java.util.Locale.ROOT)));
                    badge.setOnMouseClicked(e -> onBadgeClicked.accept(node, group));
                    row.getChildren().add(badge);
                }
            }
            if (!row.getChildren().isEmpty()) {
                badgeRows.put(position, row);
                badgeLayer.getChildren().add(row);
            }
        });
    }

    private static final javafx.css.PseudoClass JOB = javafx.css.PseudoClass.getPseudoClass("job");
    private static final javafx.css.PseudoClass TERMINAL = javafx.css.PseudoClass.getPseudoClass("terminal");
    private static final javafx.css.PseudoClass PLACEHOLDER = javafx.css.PseudoClass.getPseudoClass("placeholder");

    /**
     * A box: an icon and a title, and a detail line, as {@link javafx.scene.text.Text} rather than
     * labels: a label whose text changes re-adds its children and is styled anew, a text just changes.
     */
    private VBox newNode(String graphNodeId) {
        javafx.scene.text.Text title = new javafx.scene.text.Text();
        title.getStyleClass().add("node-title");
        HBox titleRow = new HBox(5, Icons.icon("mdoal-code"), title);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.text.Text detail = new javafx.scene.text.Text();
        detail.getStyleClass().add("node-kind");
        VBox content = new VBox(1, titleRow, detail);
        content.getStyleClass().add("graph-node");
        content.setId(nodeId(graphNodeId));
        // A Tooltip is a popup window of its own: made on the first hover, not for each of hundreds of boxes per layout
        content.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> {
            WorkflowGraph.Node node = (WorkflowGraph.Node) content.getUserData();
            String text = node.title() + (node.detail().isEmpty() ? "" : "\n" + node.detail());
            Tooltip tooltip = (Tooltip) content.getProperties().computeIfAbsent("graph-tooltip", k -> {
                Tooltip t = new Tooltip();
                Tooltip.install(content, t);
                return t;
            });
            tooltip.setText(text);
        });
        content.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> onNodeClicked.accept((WorkflowGraph.Node) content.getUserData()));
        return content;
    }

    private void place(VBox content, WorkflowGraph.Node node, GraphLayout.Box box) {
        boolean small = node.kind() != WorkflowGraph.NodeKind.JOB && node.kind() != WorkflowGraph.NodeKind.INSTRUCTION;
        HBox titleRow = (HBox) content.getChildren().get(0);
        javafx.scene.text.Text detail = (javafx.scene.text.Text) content.getChildren().get(1);
        ((javafx.scene.text.Text) titleRow.getChildren().get(1)).setText(shortened(node.title(), NodeSizes.titleChars(box.width())));
        ((org.kordamp.ikonli.javafx.FontIcon) titleRow.getChildren().get(0)).setIconLiteral(node.icon());
        titleRow.setAlignment(small ? Pos.CENTER : Pos.CENTER_LEFT);
        boolean hasDetail = !small && !node.detail().isEmpty();
        detail.setText(hasDetail ? shortened(node.detail(), NodeSizes.detailChars(box.width())) : "");
        detail.setVisible(hasDetail);
        detail.setManaged(hasDetail);
        content.setAlignment(small ? Pos.CENTER : Pos.CENTER_LEFT);
        content.pseudoClassStateChanged(JOB, node.kind() == WorkflowGraph.NodeKind.JOB);
        content.pseudoClassStateChanged(TERMINAL, small);
        content.pseudoClassStateChanged(PLACEHOLDER, node.kind() == WorkflowGraph.NodeKind.PLACEHOLDER);
        content.setUserData(node);
        content.setLayoutX(box.x());
        content.setLayoutY(box.y());
        content.setPrefSize(box.width(), box.height());
        content.setMaxSize(box.width(), box.height());
        nodeDecorator.accept(node, content);
    }

    /** A text cut to what fits the box (wide as its texts up to a limit; the tooltip has all of it); texts do not cut themselves as labels do. */
    private static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The JavaFX id of a node's box, e.g. {@code node-1_then_0} for position {@code [1,"then",0]}. */
    public static String nodeId(String graphNodeId) {
        return "node-" + graphNodeId.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
