package io.jobwerk.cockpit.designer.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden test of the designer's model: every workflow of the project's fixtures (the JS7
 * conformance corpus, the demo workflows, engine-core's examples) goes through the model — every
 * instruction replaced by itself (so every kind of block is rebuilt), deleted and undone, a new
 * instruction inserted into every block and undone — and comes out as the same JSON.
 */
class DesignRoundTripTest {

    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    static Stream<Arguments> workflows() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("conformance/src/test/resources/js7-recorded"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode shape = EngineJson.parse(Files.readAllBytes(file)).orThrow().path("shape");
                for (JsonNode w : shape.path("workflows")) {
                    all.add(Arguments.of(file.getFileName() + " " + w.path("path").asText(), w));
                }
            }
        }
        for (String f : List.of("demo/workflows/fork.workflow.json", "demo/workflows/hello.workflow.json",
                "demo/workflows/params.workflow.json", "demo/workflows/retry.workflow.json",
                "engine-core/src/test/resources/js7/examples/complete.workflow.json",
                "engine-core/src/test/resources/js7/examples/parameterized.workflow.json",
                "engine-core/src/test/resources/js7/traces/simple-try-catch.workflow.json")) {
            all.add(Arguments.of(f, EngineJson.parse(Files.readAllBytes(REPO.resolve(f))).orThrow()));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workflows")
    void everyFixtureRoundTripsThroughTheModelUnchanged(String name, JsonNode json) {
        Workflow workflow = WorkflowJson.decode(json, Optional.of(new VersionId("1"))).orThrow();
        // The codec's own fidelity to JS7's files is engine-core's golden tests' concern (it writes
        // defaults such as "joinIfFailed":false that JS7 leaves out); the model must add nothing to it.
        String expected = WorkflowJson.encode(workflow).toString();

        EditHistory history = EditHistory.of(workflow);
        for (Position p : workflow.positions()) {
            Instruction instruction = workflow.instruction(p).orThrow();
            if (instruction.kind() == Instruction.Kind.IMPLICIT_END) {
                EditHistory inserted = history.apply(InstructionTemplates.insert(Instruction.Kind.SLEEP, history.current(), p))
                        .orThrow().history();
                assertThat(inserted.current()).isNotEqualTo(history.current());
                history = inserted.apply(new WorkflowEdit.Delete(p)).orThrow().history();
                continue;
            }
            history = history.apply(new WorkflowEdit.Replace(p, instruction)).orThrow().history();
            history = history.apply(new WorkflowEdit.Delete(p)).orThrow().history().undo();
        }
        assertThat(WorkflowJson.encode(history.current()).toString()).isEqualTo(expected);
        EditHistory undone = history;
        while (undone.canUndo()) {
            undone = undone.undo();
        }
        assertThat(WorkflowJson.encode(undone.current()).toString()).isEqualTo(expected);
        assertThat(undone.current()).isEqualTo(workflow);
    }
}
