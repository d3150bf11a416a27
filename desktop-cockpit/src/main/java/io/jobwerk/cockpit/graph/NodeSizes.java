package io.jobwerk.cockpit.graph;

/**
 * The size of each kind of node's box as {@link WorkflowGraphView} draws it: jobs and instructions
 * get two lines, start, join and end are small. A box is as wide as its texts need, between its
 * kind's width and a limit; beyond the limit the text is cut and the box's tooltip has all of it.
 * Widths come from an estimate per character (a little wide for the bold title), not from fonts: no
 * JavaFX, so a layout can run on any thread.
 */
public final class NodeSizes {
    private NodeSizes() {}

    static final double NODE_WIDTH = 200;
    static final double MAX_NODE_WIDTH = 320;
    static final double NODE_HEIGHT = 46;
    static final double SMALL = 34;
    static final double SMALL_WIDTH = 96;
    static final double MAX_SMALL_WIDTH = 220;
    private static final double TITLE_CHAR = 6.8; // the bold title
    private static final double DETAIL_CHAR = 5.4; // the 11 px detail line
    private static final double TITLE_CHROME = 40; // padding, border, the icon and its gap
    private static final double DETAIL_CHROME = 19; // padding and border

    public static GraphLayout.Size of(WorkflowGraph.Node node) {
        return switch (node.kind()) {
            case JOB, INSTRUCTION -> new GraphLayout.Size(clamp(Math.max(TITLE_CHROME + TITLE_CHAR * node.title().length(),
                    DETAIL_CHROME + DETAIL_CHAR * node.detail().length()), NODE_WIDTH, MAX_NODE_WIDTH), NODE_HEIGHT);
            case START, JOIN, END -> new GraphLayout.Size(clamp(TITLE_CHROME + TITLE_CHAR * node.title().length(),
                    SMALL_WIDTH, MAX_SMALL_WIDTH), SMALL);
            case PLACEHOLDER -> new GraphLayout.Size(116, SMALL);
        };
    }

    /** How many characters of a title a box of this width shows. */
    static int titleChars(double width) {
        return (int) ((width - TITLE_CHROME) / TITLE_CHAR);
    }

    /** How many characters of a detail line a box of this width shows. */
    static int detailChars(double width) {
        return (int) ((width - DETAIL_CHROME) / DETAIL_CHAR);
    }

    private static double clamp(double width, double least, double most) {
        return Math.max(least, Math.min(most, Math.ceil(width)));
    }
}
