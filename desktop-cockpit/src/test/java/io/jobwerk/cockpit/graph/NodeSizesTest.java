package io.jobwerk.cockpit.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.graph.WorkflowGraph.NodeKind;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSizesTest {

    @ParameterizedTest
    @CsvSource({
            "JOIN, End Lock",
            "JOIN, End ConsumeNotices",
            "JOIN, End StickySubagent",
            "JOB, extract-the-orders-of-yesterday",
            "INSTRUCTION, AdmissionTime"})
    void aBoxIsWideEnoughForItsWholeTitle(NodeKind kind, String title) {
        double width = NodeSizes.of(node(kind, title, "")).width();

        assertThat(NodeSizes.titleChars(width)).isGreaterThanOrEqualTo(title.length());
    }

    @ParameterizedTest
    @CsvSource({"JOB, 200", "JOIN, 96"})
    void shortTitlesKeepTheKindsWidth(NodeKind kind, double width) {
        assertThat(NodeSizes.of(node(kind, "job", "")).width()).isEqualTo(width);
    }

    @ParameterizedTest
    @CsvSource({"JOB, 320", "JOIN, 220"})
    void aVeryLongTitleStopsAtTheLimitAndIsCut(NodeKind kind, double limit) {
        String title = "x".repeat(200);

        double width = NodeSizes.of(node(kind, title, "")).width();

        assertThat(width).isEqualTo(limit);
        assertThat(NodeSizes.titleChars(width)).isLessThan(title.length());
    }

    @ParameterizedTest
    @CsvSource({"job load · agent-with-a-long-name-in-the-east"})
    void theDetailLineWidensTheBoxToo(String detail) {
        double width = NodeSizes.of(node(NodeKind.JOB, "load", detail)).width();

        assertThat(NodeSizes.detailChars(width)).isGreaterThanOrEqualTo(detail.length());
    }

    private static WorkflowGraph.Node node(NodeKind kind, String title, String detail) {
        return new WorkflowGraph.Node("n", Optional.empty(), kind, title, detail, "mdoal-code");
    }
}
