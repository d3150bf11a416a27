package io.jobwerk.cockpit.graph;

/**
 * The size of each kind of node's box as {@link WorkflowGraphView} draws it: jobs and instructions
 * get two lines, start, join and end are small. No JavaFX, so a layout can run on any thread.
 */
public final class NodeSizes {
    private NodeSizes() {}

    static final double NODE_WIDTH = 200;
    static final double NODE_HEIGHT = 46;
    static final double SMALL = 34;

    public static GraphLayout.Size of(WorkflowGraph.Node node) {
        return switch (node.kind()) {
            case JOB, INSTRUCTION -> new GraphLayout.Size(NODE_WIDTH, NODE_HEIGHT);
            case START, JOIN, END -> new GraphLayout.Size(96, SMALL);
            case PLACEHOLDER -> new GraphLayout.Size(116, SMALL);
        };
    }
}
