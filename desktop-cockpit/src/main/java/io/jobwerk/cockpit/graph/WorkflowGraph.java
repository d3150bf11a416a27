package io.jobwerk.cockpit.graph;

import io.jobwerk.engine.workflow.Position;
import java.util.List;
import java.util.Optional;

/**
 * A workflow as a directed graph to draw: a node per instruction (keyed by its position, as JS7
 * writes it), a start, an end per block that ends, and a join after each fork; edges in the order
 * an order may take them, labelled with the branch they enter. Built by {@link WorkflowGraphBuilder};
 * independent of JavaFX, so the designer can build its own graphs the same way.
 */
public record WorkflowGraph(List<Node> nodes, List<Edge> edges) {

    public WorkflowGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** PLACEHOLDER: an empty block in the designer, a place to drop an instruction into. */
    public enum NodeKind { START, INSTRUCTION, JOB, JOIN, END, PLACEHOLDER }

    /**
     * @param position the instruction's position; for an END node the position an order has when it
     *                 has finished there (the block's implicit end); empty for START and JOIN
     * @param title    a label, job name or instruction name
     * @param kind     what is drawn
     * @param detail   a second line, e.g. the instruction's type and Agent
     * @param icon     an Ikonli literal
     */
    public record Node(String id, Optional<Position> position, NodeKind kind, String title, String detail, String icon) {}

    /**
     * @param insertAt where an instruction dropped on this edge goes, read as "before this position in
     *                 its block" (after the edge's source in its block, or first in the branch it enters)
     */
    public record Edge(String from, String to, Optional<String> label, Optional<Position> insertAt) {
        public Edge(String from, String to, Optional<String> label) {
            this(from, to, label, Optional.empty());
        }
    }
}
