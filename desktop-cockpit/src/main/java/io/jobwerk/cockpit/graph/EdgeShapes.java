package io.jobwerk.cockpit.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;
import javafx.scene.transform.Rotate;

/**
 * The edges of a drawn graph in one layer: a line with an arrow per edge, its branch label, and
 * (for the designer) a wide invisible twin as a drop target. The shapes of the previous drawing are
 * reused and stay in the scene (unused parts hidden), so a redraw changes points instead of making,
 * adding and styling hundreds of nodes anew.
 */
final class EdgeShapes {

    // panes, not groups: a group recomputes its bounds from all its children whenever one changes
    private final Pane lines = pane();
    private final Pane over = pane(); // targets and labels above all lines
    private final Pane layer = pane();
    private final Map<String, Drawn> drawn = new HashMap<>();
    private Optional<BiConsumer<WorkflowGraph.Edge, Shape>> decorator = Optional.empty();

    /** The shapes of one edge; the label and the target exist only where needed. */
    private static final class Drawn {
        final Polyline line = new Polyline();
        final Polygon arrow = new Polygon(0, 0, -9, -5, -9, 5);
        final Rotate rotate = new Rotate(0, 0, 0); // about the tip
        final Text label = new Text();
        final Polyline target = new Polyline();

        Drawn() {
            line.getStyleClass().add("graph-edge");
            arrow.getStyleClass().add("graph-arrow");
            arrow.getTransforms().add(rotate);
            label.getStyleClass().add("graph-edge-label");
            target.getStyleClass().add("graph-edge-target");
            target.setFill(null); // only the wide stroke along the line takes the drop
        }
    }

    EdgeShapes() {
        layer.getChildren().addAll(lines, over);
    }

    private static Pane pane() {
        Pane pane = new Pane();
        pane.setPickOnBounds(false);
        return pane;
    }

    Pane layer() {
        return layer;
    }

    void setDecorator(BiConsumer<WorkflowGraph.Edge, Shape> decorator) {
        this.decorator = Optional.of(decorator);
    }

    /**
     * Draws these edges. An edge takes the shapes an edge with the same insertion point had (so the
     * drop target keeps its id: changing a node's id restyles it), else any unused ones, else new.
     */
    void show(List<GraphLayout.EdgePath> edges) {
        Map<String, Drawn> previous = new HashMap<>(drawn);
        drawn.clear();
        List<GraphLayout.EdgePath> unmatched = new ArrayList<>();
        for (GraphLayout.EdgePath edge : edges) {
            if (edge.points().size() >= 2) {
                Drawn d = previous.remove(key(edge.edge()));
                if (d == null) {
                    unmatched.add(edge);
                } else {
                    drawn.put(key(edge.edge()), d);
                    draw(d, edge);
                }
            }
        }
        java.util.Iterator<Drawn> spare = previous.values().iterator();
        for (GraphLayout.EdgePath edge : unmatched) {
            Drawn d;
            if (spare.hasNext()) {
                d = spare.next();
                spare.remove();
            } else {
                d = new Drawn();
                lines.getChildren().addAll(d.line, d.arrow);
                over.getChildren().addAll(d.target, d.label);
            }
            drawn.put(key(edge.edge()), d);
            draw(d, edge);
        }
        if (!previous.isEmpty()) {
            java.util.Set<javafx.scene.Node> unused = new java.util.HashSet<>();
            previous.values().forEach(d -> unused.addAll(List.of(d.line, d.arrow, d.target, d.label)));
            lines.getChildren().removeIf(unused::contains);
            over.getChildren().removeIf(unused::contains);
        }
    }

    /** An edge's identity across drawings: where it inserts, between which nodes it runs (two edges may share an insertion point). */
    private static String key(WorkflowGraph.Edge edge) {
        return edge.insertAt().map(Object::toString).orElse("") + " " + edge.from() + ">" + edge.to() + " " + edge.label().orElse("");
    }

    private void draw(Drawn d, GraphLayout.EdgePath edge) {
        List<GraphLayout.Point> points = edge.points();
        Double[] coordinates = new Double[points.size() * 2];
        for (int k = 0; k < points.size(); k++) {
            coordinates[2 * k] = points.get(k).x();
            coordinates[2 * k + 1] = points.get(k).y();
        }
        if (!java.util.Arrays.asList(coordinates).equals(d.line.getPoints())) {
            d.line.getPoints().setAll(coordinates);
        }
        GraphLayout.Point end = points.get(points.size() - 1);
        GraphLayout.Point before = points.get(points.size() - 2);
        d.arrow.setLayoutX(end.x());
        d.arrow.setLayoutY(end.y());
        d.rotate.setAngle(Math.toDegrees(Math.atan2(end.y() - before.y(), end.x() - before.x())));
        boolean target = decorator.isPresent() && edge.edge().insertAt().isPresent();
        d.target.setVisible(target);
        if (!target) {
            d.target.setId(null); // a hidden shape must not answer a lookup by its former id
        } else {
            if (!d.target.getPoints().equals(d.line.getPoints())) {
                d.target.getPoints().setAll(coordinates);
            }
            decorator.get().accept(edge.edge(), d.target);
        }
        d.label.setVisible(edge.edge().label().isPresent());
        if (edge.edge().label().isPresent()) {
            GraphLayout.Point start = points.get(0);
            GraphLayout.Point next = points.size() > 2 ? points.get(1) : end;
            d.label.setText(edge.edge().label().get());
            // beside the edge's first vertical run, just below where it leaves its node
            d.label.setX((next.y() == start.y() ? next.x() : start.x()) + 4);
            d.label.setY(start.y() + (next.y() == start.y() ? 24 : 12));
        }
    }
}
