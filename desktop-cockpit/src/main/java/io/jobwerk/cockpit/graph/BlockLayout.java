package io.jobwerk.cockpit.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A top-down layout in linear time for a block-structured {@link WorkflowGraph}, as the designer's
 * graphs are ({@link WorkflowGraphBuilder#forEditing}): every node with several ways out has a join
 * node ({@code ID join}) where its branches meet, so the graph is a tree of sequences and branchings.
 * A sequence stacks its nodes on one axis, a branching puts its branches side by side between the
 * node and its join; edges are orthogonal. ELK's layered layout takes ~150 ms for 200 instructions;
 * this takes about a millisecond, so an edit can be shown at once. Pure, no JavaFX.
 */
public final class BlockLayout {

    static final double LAYER_GAP = 34;
    static final double BRANCH_GAP = 36;
    static final double LANE = 40; // the width of an empty branch (an If's "else" that goes straight to its join)
    static final double PADDING = 20;

    private final WorkflowGraph graph;
    private final Function<WorkflowGraph.Node, GraphLayout.Size> size;
    private final Map<String, WorkflowGraph.Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<WorkflowGraph.Edge>> out = new HashMap<>();
    private final Set<String> visited = new HashSet<>();
    private final Map<String, GraphLayout.Box> boxes = new HashMap<>();
    private final Map<String, Double> laneX = new HashMap<>(); // "from->to" of an empty branch: its x

    private BlockLayout(WorkflowGraph graph, Function<WorkflowGraph.Node, GraphLayout.Size> size) {
        this.graph = graph;
        this.size = size;
        graph.nodes().forEach(n -> nodes.put(n.id(), n));
        graph.edges().forEach(e -> out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e));
    }

    /** The layout, or empty when the graph is not block-structured (then ELK's {@link GraphLayout} lays it out). */
    public static Optional<GraphLayout.Laid> layout(WorkflowGraph graph, Function<WorkflowGraph.Node, GraphLayout.Size> size) {
        if (graph.nodes().isEmpty()) {
            return Optional.empty();
        }
        return new BlockLayout(graph, size).run();
    }

    /** ELK when the graph is not block-structured, else this layout. */
    public static GraphLayout.Laid layoutOrElk(WorkflowGraph graph, Function<WorkflowGraph.Node, GraphLayout.Size> size) {
        return layout(graph, size).orElseGet(() -> GraphLayout.layout(graph, size));
    }

    private sealed interface Part permits Single, Branching {}

    private record Single(WorkflowGraph.Node node, GraphLayout.Size size) implements Part {}

    /** A node, its branches side by side (an empty list: a lane straight to the join), and the join. */
    private record Branching(Single node, List<Chain> branches, Single join, double branchesWidth, double branchesHeight) implements Part {}

    private record Chain(List<Part> parts, double width, double height) {
        boolean isEmpty() {
            return parts.isEmpty();
        }
    }

    private Optional<GraphLayout.Laid> run() {
        WorkflowGraph.Node first = graph.nodes().get(0);
        Optional<Chain> root = chain(first.id(), Optional.empty());
        if (root.isEmpty() || visited.size() != nodes.size()) {
            return Optional.empty(); // not block-structured, or unreachable nodes (after a Finish)
        }
        place(root.get(), PADDING, PADDING);
        List<GraphLayout.EdgePath> paths = new ArrayList<>();
        for (WorkflowGraph.Edge edge : graph.edges()) {
            paths.add(new GraphLayout.EdgePath(edge, route(edge)));
        }
        return Optional.of(new GraphLayout.Laid(boxes, paths, root.get().width() + 2 * PADDING, root.get().height() + 2 * PADDING));
    }

    /** The sequence from {@code id} up to (without) {@code stop}, or empty if the graph does not nest. */
    private Optional<Chain> chain(String id, Optional<String> stop) {
        List<Part> parts = new ArrayList<>();
        Optional<String> current = Optional.of(id);
        while (current.isPresent() && !current.equals(stop)) { // empty: a dead end (Finish, Fail …)
            String nodeId = current.get();
            if (!nodes.containsKey(nodeId) || !visited.add(nodeId)) {
                return Optional.empty();
            }
            Single single = single(nodeId);
            List<WorkflowGraph.Edge> exits = out.getOrDefault(nodeId, List.of());
            String joinId = nodeId + " join";
            if (nodes.containsKey(joinId) && !exits.isEmpty()) {
                List<Chain> branches = new ArrayList<>();
                for (WorkflowGraph.Edge e : exits) {
                    if (e.to().equals(joinId)) {
                        branches.add(new Chain(List.of(), LANE, 0));
                    } else {
                        Optional<Chain> branch = chain(e.to(), Optional.of(joinId));
                        if (branch.isEmpty()) {
                            return Optional.empty();
                        }
                        branches.add(branch.get());
                    }
                }
                if (!visited.add(joinId)) {
                    return Optional.empty();
                }
                double w = branches.stream().mapToDouble(Chain::width).sum() + BRANCH_GAP * (branches.size() - 1);
                double h = branches.stream().mapToDouble(Chain::height).max().orElse(0);
                parts.add(new Branching(single, branches, single(joinId), w, h));
                current = next(joinId);
            } else if (exits.size() > 1) {
                return Optional.empty();
            } else {
                parts.add(single);
                current = next(nodeId);
            }
        }
        double width = 0;
        double height = 0;
        for (Part p : parts) {
            width = Math.max(width, width(p));
            height += height(p);
        }
        height += LAYER_GAP * Math.max(0, parts.size() - 1);
        return Optional.of(new Chain(parts, width, height));
    }

    private Optional<String> next(String nodeId) {
        List<WorkflowGraph.Edge> exits = out.getOrDefault(nodeId, List.of());
        return exits.size() == 1 ? Optional.of(exits.get(0).to()) : exits.isEmpty() ? Optional.empty() : Optional.of("\0several");
    }

    private Single single(String id) {
        WorkflowGraph.Node node = nodes.get(id);
        return new Single(node, size.apply(node));
    }

    private static double width(Part p) {
        if (p instanceof Branching b) {
            return Math.max(b.branchesWidth(), Math.max(b.node().size().width(), b.join().size().width()));
        }
        return ((Single) p).size().width();
    }

    private static double height(Part p) {
        if (p instanceof Branching b) {
            return b.node().size().height() + LAYER_GAP + b.branchesHeight() + LAYER_GAP + b.join().size().height();
        }
        return ((Single) p).size().height();
    }

    private void place(Chain chain, double x, double y) {
        double axis = x + chain.width() / 2;
        for (Part p : chain.parts()) {
            if (p instanceof Branching b) {
                put(b.node(), axis, y);
                double branchY = y + b.node().size().height() + LAYER_GAP;
                double bx = axis - b.branchesWidth() / 2;
                List<WorkflowGraph.Edge> exits = out.get(b.node().node().id());
                for (int i = 0; i < b.branches().size(); i++) {
                    Chain branch = b.branches().get(i);
                    if (branch.isEmpty()) {
                        laneX.put(exits.get(i).from() + "->" + exits.get(i).to() + "#" + i, bx + branch.width() / 2);
                    } else {
                        place(branch, bx, branchY);
                    }
                    bx += branch.width() + BRANCH_GAP;
                }
                put(b.join(), axis, branchY + b.branchesHeight() + LAYER_GAP);
            } else {
                put((Single) p, axis, y);
            }
            y += height(p) + LAYER_GAP;
        }
    }

    private void put(Single s, double axis, double y) {
        boxes.put(s.node().id(), new GraphLayout.Box(axis - s.size().width() / 2, y, s.size().width(), s.size().height()));
    }

    private List<GraphLayout.Point> route(WorkflowGraph.Edge edge) {
        GraphLayout.Box from = boxes.get(edge.from());
        GraphLayout.Box to = boxes.get(edge.to());
        List<WorkflowGraph.Edge> siblings = out.get(edge.from());
        double sx = from.centerX();
        if (siblings.size() > 1) { // the branches leave from spread points along the bottom, so their labels do not overlap
            int i = siblings.indexOf(edge);
            sx = from.x() + from.width() * (i + 1) / (siblings.size() + 1);
        }
        double sy = from.y() + from.height();
        double tx = to.centerX();
        double ty = to.y();
        List<GraphLayout.Point> points = new ArrayList<>();
        points.add(new GraphLayout.Point(sx, sy));
        Double lane = siblings.size() > 1 ? laneX.get(edge.from() + "->" + edge.to() + "#" + siblings.indexOf(edge)) : null;
        if (lane != null) {
            points.add(new GraphLayout.Point(sx, sy + LAYER_GAP / 2));
            points.add(new GraphLayout.Point(lane, sy + LAYER_GAP / 2));
            points.add(new GraphLayout.Point(lane, ty - LAYER_GAP / 2));
            points.add(new GraphLayout.Point(tx, ty - LAYER_GAP / 2));
        } else if (Math.abs(sx - tx) > 0.5) {
            // into a branch: turn just below the source; out of a branch into its join: turn just above the join
            double turn = edge.to().endsWith(" join") && !edge.from().equals(edge.to().substring(0, edge.to().length() - 5))
                    ? ty - LAYER_GAP / 2 : sy + LAYER_GAP / 2;
            points.add(new GraphLayout.Point(sx, turn));
            points.add(new GraphLayout.Point(tx, turn));
        }
        points.add(new GraphLayout.Point(tx, ty));
        return points;
    }
}
