package io.jobwerk.cockpit.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a {@link WorkflowGraph} out top-down with Eclipse ELK's layered (Sugiyama) algorithm and
 * orthogonal edges, given each node's size. Pure computation, no JavaFX: the result is the nodes'
 * boxes and the edges' polylines, for any renderer.
 */
public final class GraphLayout {
    private GraphLayout() {}

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    public record Size(double width, double height) {}

    public record Box(double x, double y, double width, double height) {
        public double centerX() {
            return x + width / 2;
        }
    }

    public record Point(double x, double y) {}

    public record EdgePath(WorkflowGraph.Edge edge, List<Point> points) {}

    public record Laid(Map<String, Box> boxes, List<EdgePath> edges, double width, double height) {}

    public static Laid layout(WorkflowGraph graph, Function<WorkflowGraph.Node, Size> size) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 36.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 34.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(20));
        Map<String, ElkNode> elkNodes = new HashMap<>();
        for (WorkflowGraph.Node node : graph.nodes()) {
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setIdentifier(node.id());
            Size s = size.apply(node);
            n.setDimensions(s.width(), s.height());
            elkNodes.put(node.id(), n);
        }
        Map<ElkEdge, WorkflowGraph.Edge> elkEdges = new HashMap<>();
        List<ElkEdge> order = new ArrayList<>();
        for (WorkflowGraph.Edge edge : graph.edges()) {
            ElkEdge e = ElkGraphUtil.createSimpleEdge(elkNodes.get(edge.from()), elkNodes.get(edge.to()));
            elkEdges.put(e, edge);
            order.add(e);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        Map<String, Box> boxes = new HashMap<>();
        elkNodes.forEach((id, n) -> boxes.put(id, new Box(n.getX(), n.getY(), n.getWidth(), n.getHeight())));
        List<EdgePath> paths = new ArrayList<>();
        for (ElkEdge e : order) {
            List<Point> points = new ArrayList<>();
            Optional<ElkEdgeSection> section = e.getSections().stream().findFirst();
            section.ifPresent(s -> {
                points.add(new Point(s.getStartX(), s.getStartY()));
                for (ElkBendPoint b : s.getBendPoints()) {
                    points.add(new Point(b.getX(), b.getY()));
                }
                points.add(new Point(s.getEndX(), s.getEndY()));
            });
            paths.add(new EdgePath(elkEdges.get(e), points));
        }
        return new Laid(boxes, paths, root.getWidth(), root.getHeight());
    }
}
