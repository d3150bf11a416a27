package io.jobwerk.cockpit.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.designer.LargeWorkflows;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.workflow.Workflow;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockLayoutTest {

    private static final GraphLayout.Size BIG = new GraphLayout.Size(200, 46);
    private static final GraphLayout.Size SMALL = new GraphLayout.Size(96, 34);

    private static GraphLayout.Size size(WorkflowGraph.Node n) {
        return n.kind() == WorkflowGraph.NodeKind.JOB || n.kind() == WorkflowGraph.NodeKind.INSTRUCTION ? BIG : SMALL;
    }

    private static Workflow workflow(String instructions) {
        String json = "{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":" + instructions + "}";
        return EngineStateJson.fromSnapshotObjects(List.of(EngineJson.parse(json).orThrow())).orThrow().workflows().values().iterator().next();
    }

    private static final String JOB = "{\"TYPE\":\"Execute.Anonymous\",\"job\":{\"agentPath\":\"A\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"\"}}}";

    /** Every node boxed, no two boxes overlap, every edge orthogonal from its source's bottom to its target's top. */
    private static void assertWellLaid(WorkflowGraph graph, GraphLayout.Laid laid) {
        assertThat(laid.boxes().keySet()).containsExactlyInAnyOrderElementsOf(graph.nodes().stream().map(WorkflowGraph.Node::id).toList());
        List<GraphLayout.Box> boxes = List.copyOf(laid.boxes().values());
        for (int i = 0; i < boxes.size(); i++) {
            GraphLayout.Box a = boxes.get(i);
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(laid.width());
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(laid.height());
            for (int j = i + 1; j < boxes.size(); j++) {
                GraphLayout.Box b = boxes.get(j);
                boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x() || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                assertThat(apart).as(a + " and " + b).isTrue();
            }
        }
        assertThat(laid.edges()).extracting(GraphLayout.EdgePath::edge).containsExactlyElementsOf(graph.edges());
        for (GraphLayout.EdgePath path : laid.edges()) {
            GraphLayout.Box from = laid.boxes().get(path.edge().from());
            GraphLayout.Box to = laid.boxes().get(path.edge().to());
            List<GraphLayout.Point> p = path.points();
            assertThat(p.get(0).y()).isEqualTo(from.y() + from.height());
            assertThat(p.get(p.size() - 1)).isEqualTo(new GraphLayout.Point(to.centerX(), to.y()));
            for (int i = 0; i + 1 < p.size(); i++) {
                assertThat(p.get(i).x() == p.get(i + 1).x() || p.get(i).y() == p.get(i + 1).y()).as(path.toString()).isTrue();
            }
        }
    }

    @Test
    void laysOutALargeDesignerGraphWithoutOverlaps() {
        WorkflowGraph graph = WorkflowGraphBuilder.forEditing(LargeWorkflows.of(200));
        GraphLayout.Laid laid = BlockLayout.layout(graph, BlockLayoutTest::size).orElseThrow();
        assertWellLaid(graph, laid);
    }

    @Test
    void anIfWithoutElseGetsALaneToItsJoinAndAFailEndsItsBranch() {
        WorkflowGraph graph = WorkflowGraphBuilder.forEditing(workflow("[{\"TYPE\":\"If\",\"predicate\":\"true\",\"then\":{\"instructions\":["
                + JOB + ",{\"TYPE\":\"Fail\"}]}}," + JOB + ",{\"TYPE\":\"Try\",\"try\":{\"instructions\":[]},\"catch\":{\"instructions\":[" + JOB + "]}}]"));
        GraphLayout.Laid laid = BlockLayout.layout(graph, BlockLayoutTest::size).orElseThrow();
        assertWellLaid(graph, laid);
        GraphLayout.EdgePath elseLane = laid.edges().stream().filter(e -> e.edge().label().equals(java.util.Optional.of("else"))).findFirst().orElseThrow();
        assertThat(elseLane.points()).hasSize(6);
        assertThat(elseLane.points().get(2).x()).isGreaterThan(laid.boxes().get("[0,\"then\",0]").x() + 200); // beside the then-branch
    }

    @Test
    void aGraphThatDoesNotNestIsLeftToElk() {
        // the monitor's graph has no join after an If: its branches lead straight on
        WorkflowGraph graph = WorkflowGraphBuilder.of(workflow("[{\"TYPE\":\"If\",\"predicate\":\"true\",\"then\":{\"instructions\":[" + JOB + "]},"
                + "\"else\":{\"instructions\":[" + JOB + "]}}," + JOB + "]"));
        assertThat(BlockLayout.layout(graph, BlockLayoutTest::size)).isEmpty();
        assertThat(BlockLayout.layoutOrElk(graph, BlockLayoutTest::size).boxes()).hasSize(graph.nodes().size());
    }

    @Test
    void instructionsAfterAFinishThatNoEdgeReachesAreLeftToElk() {
        WorkflowGraph graph = WorkflowGraphBuilder.forEditing(workflow("[{\"TYPE\":\"Finish\"}," + JOB + "]"));
        assertThat(BlockLayout.layout(graph, BlockLayoutTest::size)).isEmpty();
    }
}
