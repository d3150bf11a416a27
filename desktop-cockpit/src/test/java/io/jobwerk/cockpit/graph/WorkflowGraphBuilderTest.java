package io.jobwerk.cockpit.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.workflow.Workflow;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorkflowGraphBuilderTest {

    private static Workflow workflow(String instructions) {
        String json = "{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":" + instructions + "}";
        return EngineStateJson.fromSnapshotObjects(List.of(EngineJson.parse(json).orThrow())).orThrow().workflows().values().iterator().next();
    }

    private static final String JOB = "{\"TYPE\":\"Execute.Anonymous\",\"job\":{\"agentPath\":\"A\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"\"}}}";

    private static String edges(WorkflowGraph graph) {
        return graph.edges().stream().map(e -> e.from() + "->" + e.to() + e.label().map(l -> "(" + l + ")").orElse(""))
                .collect(Collectors.joining(" "));
    }

    @Test
    void aForkLeadsIntoEachBranchAndJoinsBeforeWhatFollows() {
        WorkflowGraph graph = WorkflowGraphBuilder.of(workflow("[{\"TYPE\":\"Fork\",\"branches\":["
                + "{\"id\":\"a\",\"workflow\":{\"instructions\":[" + JOB + "]}},{\"id\":\"b\",\"workflow\":{\"instructions\":[" + JOB + "]}}]}," + JOB + "]"));
        assertThat(edges(graph)).isEqualTo("start->[0] [0]->[0,\"fork+a\",0](a) [0]->[0,\"fork+b\",0](b)"
                + " [0,\"fork+a\",0]->[0] join [0,\"fork+b\",0]->[0] join [0] join->[1] [1]->[2]");
        assertThat(graph.nodes()).extracting(WorkflowGraph.Node::kind).containsExactly(WorkflowGraph.NodeKind.START,
                WorkflowGraph.NodeKind.INSTRUCTION, WorkflowGraph.NodeKind.JOB, WorkflowGraph.NodeKind.JOB,
                WorkflowGraph.NodeKind.JOIN, WorkflowGraph.NodeKind.JOB, WorkflowGraph.NodeKind.END);
    }

    @Test
    void anIfWithoutElseAlsoLeadsPastItsBlockAndFailLeadsNowhere() {
        WorkflowGraph graph = WorkflowGraphBuilder.of(workflow("[{\"TYPE\":\"If\",\"predicate\":\"true\",\"then\":{\"instructions\":["
                + "{\"TYPE\":\"Fail\"}]}}," + JOB + "]"));
        assertThat(edges(graph)).isEqualTo("start->[0] [0]->[0,\"then\",0](then) [0]->[1](else) [1]->[2]");
    }

    @Test
    void elkLaysTheGraphOutTopDownWithoutOverlaps() {
        WorkflowGraph graph = WorkflowGraphBuilder.of(workflow("[" + JOB + "," + JOB + "]"));
        GraphLayout.Laid laid = GraphLayout.layout(graph, n -> new GraphLayout.Size(100, 40));
        double startY = laid.boxes().get("start").y();
        double firstY = laid.boxes().get("[0]").y();
        double secondY = laid.boxes().get("[1]").y();
        double endY = laid.boxes().get("[2]").y();
        assertThat(startY + 40).isLessThan(firstY);
        assertThat(firstY + 40).isLessThan(secondY);
        assertThat(secondY + 40).isLessThan(endY);
        assertThat(laid.edges()).allSatisfy(e -> assertThat(e.points()).hasSizeGreaterThanOrEqualTo(2));
    }
}
