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
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.text.Text;

/**
 * Draws a {@link WorkflowGraph} laid out by {@link GraphLayout}: a box per node (icon, title, a
 * detail line), orthogonal edges with arrows and branch labels, and per instruction badges with the
 * number of orders there by state group ({@link #setCounts}, cheap: no new layout). Read-only here;
 * the designer reuses it and adds its own handlers through {@link #setOnNodeClicked}.
 */
public final class WorkflowGraphView extends ScrollPane {

    private static final double NODE_WIDTH = 200;
    private static final double NODE_HEIGHT = 46;
    private static final double SMALL = 34;

    private final Pane canvas = new Pane();
    private final javafx.scene.transform.Scale scale = new javafx.scene.transform.Scale(1, 1, 0, 0);
    private final javafx.beans.property.DoubleProperty zoom = new javafx.beans.property.SimpleDoubleProperty(1);
    private final javafx.beans.property.ObjectProperty<GraphLayout.Laid> layout = new javafx.beans.property.SimpleObjectProperty<>();
    private final Map<Position, HBox> badgeRows = new HashMap<>();
    private BiConsumer<WorkflowGraph.Node, StateGroup> onBadgeClicked = (n, g) -> { };
    private BiConsumer<WorkflowGraph.Node, javafx.scene.layout.Region> nodeDecorator = (n, r) -> { };
    private java.util.Optional<BiConsumer<WorkflowGraph.Edge, javafx.scene.shape.Shape>> edgeDecorator = java.util.Optional.empty();
    private java.util.function.Consumer<WorkflowGraph.Node> onNodeClicked = n -> { };
    private final Map<String, Node> drawnNodes = new HashMap<>();

    public WorkflowGraphView() {
        getStyleClass().add("graph");
        canvas.getStyleClass().add("graph");
        canvas.getTransforms().add(scale);
        scale.xProperty().bind(zoom);
        scale.yProperty().bind(zoom);
        setContent(new javafx.scene.Group(canvas)); // a Group, so the scroll pane sees the zoomed size
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
        this.edgeDecorator = java.util.Optional.of(decorator);
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

    public void setGraph(WorkflowGraph graph) {
        canvas.getChildren().clear();
        drawnNodes.clear();
        badgeRows.clear();
        GraphLayout.Laid laid = GraphLayout.layout(graph, GraphLayoutSizes::of);
        layout.set(laid);
        for (GraphLayout.EdgePath edge : laid.edges()) {
            drawEdge(edge);
        }
        for (WorkflowGraph.Node node : graph.nodes()) {
            GraphLayout.Box box = laid.boxes().get(node.id());
            Node drawn = drawNode(node, box);
            canvas.getChildren().add(drawn);
        }
        canvas.setPrefSize(laid.width() + 80, laid.height() + 20);
    }

    /** The orders at each position, by state group: the badges next to the nodes. */
    public void setCounts(Map<Position, GroupCounts> counts) {
        badgeRows.forEach((position, row) -> {
            row.getChildren().clear();
            GroupCounts c = counts.getOrDefault(position, GroupCounts.NONE);
            for (StateGroup group : StateGroup.values()) {
                int n = c.count(group);
                if (n > 0) {
                    Label badge = new Label(Integer.toString(n), Icons.icon(group.icon()));
                    badge.getStyleClass().addAll("graph-badge", group.styleClass());
                    badge.setTooltip(new Tooltip(n + " " + group.label().toLowerCase(java.util.Locale.ROOT)));
                    WorkflowGraph.Node node = (WorkflowGraph.Node) row.getUserData();
                    badge.setOnMouseClicked(e -> onBadgeClicked.accept(node, group));
                    row.getChildren().add(badge);
                }
            }
        });
    }

    private void drawEdge(GraphLayout.EdgePath edge) {
        List<GraphLayout.Point> points = edge.points();
        if (points.size() < 2) {
            return;
        }
        Polyline line = new Polyline();
        for (GraphLayout.Point p : points) {
            line.getPoints().addAll(p.x(), p.y());
        }
        line.getStyleClass().add("graph-edge");
        GraphLayout.Point end = points.get(points.size() - 1);
        GraphLayout.Point before = points.get(points.size() - 2);
        double angle = Math.atan2(end.y() - before.y(), end.x() - before.x());
        Polygon arrow = new Polygon(0, 0, -9, -5, -9, 5);
        arrow.getStyleClass().add("graph-arrow");
        arrow.setLayoutX(end.x());
        arrow.setLayoutY(end.y());
        arrow.getTransforms().add(new javafx.scene.transform.Rotate(Math.toDegrees(angle), 0, 0)); // about the tip
        canvas.getChildren().addAll(line, arrow);
        if (edgeDecorator.isPresent() && edge.edge().insertAt().isPresent()) {
            Polyline target = new Polyline();
            target.getPoints().setAll(line.getPoints());
            target.getStyleClass().add("graph-edge-target");
            canvas.getChildren().add(target);
            edgeDecorator.get().accept(edge.edge(), target);
        }
        edge.edge().label().ifPresent(label -> {
            GraphLayout.Point start = points.get(0);
            GraphLayout.Point next = points.size() > 2 ? points.get(1) : end;
            Text text = new Text(label);
            text.getStyleClass().add("graph-edge-label");
            // beside the edge's first vertical run, just below where it leaves its node
            text.setX((next.y() == start.y() ? next.x() : start.x()) + 4);
            text.setY(start.y() + (next.y() == start.y() ? 24 : 12));
            canvas.getChildren().add(text);
        });
    }

    private Node drawNode(WorkflowGraph.Node node, GraphLayout.Box box) {
        boolean small = node.kind() != WorkflowGraph.NodeKind.JOB && node.kind() != WorkflowGraph.NodeKind.INSTRUCTION;
        Label title = new Label(node.title(), Icons.icon(node.icon()));
        title.getStyleClass().add("node-title");
        VBox content = new VBox(1, title);
        if (!small && !node.detail().isEmpty()) {
            Label detail = new Label(node.detail());
            detail.getStyleClass().add("node-kind");
            content.getChildren().add(detail);
        }
        content.getStyleClass().addAll("graph-node", node.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (small) {
            content.getStyleClass().add("terminal");
            content.setAlignment(Pos.CENTER);
        }
        content.setAlignment(small ? Pos.CENTER : Pos.CENTER_LEFT);
        content.setLayoutX(box.x());
        content.setLayoutY(box.y());
        content.setPrefSize(box.width(), box.height());
        content.setMaxSize(box.width(), box.height());
        content.setId(nodeId(node.id()));
        nodeDecorator.accept(node, content);
        // A Tooltip is a popup window of its own: made on the first hover, not for each of hundreds of boxes per layout
        content.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, new javafx.event.EventHandler<>() {
            @Override
            public void handle(javafx.scene.input.MouseEvent e) {
                content.removeEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, this);
                Tooltip.install(content, new Tooltip(node.title() + (node.detail().isEmpty() ? "" : "\n" + node.detail())));
            }
        });
        content.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> onNodeClicked.accept(node));
        drawnNodes.put(node.id(), content);
        if (node.position().isPresent()) {
            HBox badges = new HBox(3);
            badges.setUserData(node);
            badges.setLayoutX(box.x() + box.width() + 6);
            badges.setLayoutY(box.y() + (box.height() - 18) / 2);
            badgeRows.put(node.position().get(), badges);
            canvas.getChildren().add(badges);
        }
        return content;
    }

    /** The JavaFX id of a node's box, e.g. {@code node-1_then_0} for position {@code [1,"then",0]}. */
    public static String nodeId(String graphNodeId) {
        return "node-" + graphNodeId.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** Node sizes: jobs and instructions get two lines, start, join and end are small. */
    static final class GraphLayoutSizes {
        private GraphLayoutSizes() {}

        static GraphLayout.Size of(WorkflowGraph.Node node) {
            return switch (node.kind()) {
                case JOB, INSTRUCTION -> new GraphLayout.Size(NODE_WIDTH, NODE_HEIGHT);
                case START, JOIN, END -> new GraphLayout.Size(96, SMALL);
                case PLACEHOLDER -> new GraphLayout.Size(116, SMALL);
            };
        }
    }
}
