package io.jobwerk.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round-trips every JS7 example in the fixtures {@code src/test/resources/js7/examples/}: decode,
 * encode, and compare with the input after the normalisations below, which turn each legacy or
 * abbreviated input form into the form JS7 itself writes.
 */
class JsonGoldenTest {

    /** Used for examples without {@code versionId} (JS7 docs show undeployed workflows). */
    static final VersionId DEFAULT_VERSION = new VersionId("GOLDEN-TEST-VERSION");

    /** A rewrite of one object node of the expected JSON (applied to every object, innermost first). */
    record Normalisation(String description, Consumer<ObjectNode> rewrite) {}

    static final List<Normalisation> NORMALISATIONS = List.of(
            // JS7's internal source position of the text notation; not part of our model.
            new Normalisation("sourcePos dropped", o -> o.remove("sourcePos")),
            // If ≤ v2.7.1: a single predicate/then; JS7 writes the ifThens list.
            new Normalisation("legacy If predicate/then → ifThens", o -> {
                if (isType(o, "If") && o.has("predicate")) {
                    ObjectNode ifThen = EngineJson.object();
                    ifThen.set("predicate", o.remove("predicate"));
                    ifThen.set("then", o.remove("then"));
                    o.putArray("ifThens").add(ifThen);
                }
            }),
            // Lock ≤ v2.4: a single lockPath/count; JS7 writes the demands list.
            new Normalisation("legacy Lock lockPath/count → demands", o -> {
                if (isType(o, "Lock") && o.has("lockPath")) {
                    ObjectNode demand = EngineJson.object();
                    demand.set("lockPath", o.remove("lockPath"));
                    if (o.has("count")) {
                        demand.set("count", o.remove("count"));
                    }
                    o.putArray("demands").add(demand);
                }
            }),
            // Legacy single-board PostNotice.
            new Normalisation("legacy PostNotice boardPath → PostNotices boardPaths", o -> {
                if (isType(o, "PostNotice")) {
                    o.put("TYPE", "PostNotices");
                    o.putArray("boardPaths").add(o.remove("boardPath"));
                }
            }),
            // Older name of a job's processLimit.
            new Normalisation("parallelism → processLimit", o -> {
                if (isJob(o) && o.has("parallelism")) {
                    o.set("processLimit", o.remove("parallelism"));
                }
            }),
            // JS7 always writes processLimit (default 1).
            new Normalisation("job without processLimit gets processLimit 1", o -> {
                if (isJob(o) && !o.has("processLimit")) {
                    o.put("processLimit", 1);
                }
            }),
            // Executable TYPE aliases.
            new Normalisation("ScriptExecutable/ExecutableScript → ShellScriptExecutable, ExecutablePath → PathExecutable", o -> {
                if (isType(o, "ScriptExecutable") || isType(o, "ExecutableScript")) {
                    o.put("TYPE", "ShellScriptExecutable");
                } else if (isType(o, "ExecutablePath")) {
                    o.put("TYPE", "PathExecutable");
                }
            }),
            // Return codes as a list are written as JS7's range string; the default (success 0) is omitted.
            new Normalisation("returnCodeMeaning list → range string; default {success:0} dropped", o -> {
                JsonNode rcm = o.get("returnCodeMeaning");
                if (rcm instanceof ObjectNode r) {
                    for (String key : List.of("success", "failure")) {
                        if (r.get(key) instanceof ArrayNode codes) {
                            List<String> list = new ArrayList<>();
                            codes.forEach(c -> list.add(c.asText()));
                            r.put(key, String.join(",", list));
                        }
                    }
                    if (r.path("success").asText("").equals("0")) {
                        o.remove("returnCodeMeaning");
                    }
                }
            }),
            // JOC shows implicit ends; they are not written.
            new Normalisation("ImplicitEnd instructions dropped", o -> {
                if (o.get("instructions") instanceof ArrayNode a) {
                    for (int i = a.size() - 1; i >= 0; i--) {
                        if (a.get(i).path("TYPE").asText("").equals("ImplicitEnd")) {
                            a.remove(i);
                        }
                    }
                }
            }),
            // The item TYPE is optional on input; WorkflowJson.encode writes the bare workflow.
            new Normalisation("top-level TYPE Workflow dropped", o -> {
                if (isType(o, "Workflow") && o.has("path")) {
                    o.remove("TYPE");
                }
            }),
            // Examples from the docs have no versionId; the test decodes them with DEFAULT_VERSION.
            new Normalisation("workflow without versionId gets the decoder's default", o -> {
                if (o.has("path") && o.has("instructions") && !o.has("versionId")) {
                    o.put("versionId", DEFAULT_VERSION.string());
                }
            }));

    private static boolean isType(ObjectNode o, String type) {
        return o.path("TYPE").asText("").equals(type);
    }

    private static boolean isJob(ObjectNode o) {
        return o.has("agentPath") && o.has("executable");
    }

    /** A normalised deep copy. */
    static JsonNode normalise(JsonNode json) {
        JsonNode copy = json.deepCopy();
        normaliseInPlace(copy);
        return copy;
    }

    private static void normaliseInPlace(JsonNode node) {
        node.forEach(JsonGoldenTest::normaliseInPlace);
        if (node instanceof ObjectNode o) {
            NORMALISATIONS.forEach(n -> n.rewrite().accept(o));
        }
    }

    /** Numbers equal by value (60 == 60.0 as a tree; text output is checked elsewhere). */
    static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    static void assertSameTree(JsonNode actual, JsonNode expected) {
        if (!actual.equals(BY_VALUE, expected)) {
            fail("JSON differs.\nexpected: %s\nactual:   %s", EngineJson.print(expected), EngineJson.print(actual));
        }
    }

    static JsonNode read(Path file) {
        try {
            return EngineJson.parse(Files.readString(file)).orThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every example JSON document of the files: whole workflows, and each fragment of a fragments
     * file. Notes ({@code .md}) are skipped; any other file that is not JSON is an error.
     */
    static Stream<Arguments> examples(List<Path> files) {
        List<Arguments> list = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".md")) {
                continue;
            }
            if (!name.endsWith(".json")) {
                throw new IllegalStateException("Unexpected file among the JS7 examples: " + file);
            }
            JsonNode json = read(file);
            if (json.has("fragments")) {
                for (JsonNode fragment : json.get("fragments")) {
                    list.add(Arguments.of(name + ": " + fragment.get("name").asText(), fragment.get("json")));
                }
            } else {
                list.add(Arguments.of(name, json));
            }
        }
        return list.stream();
    }

    static List<Path> exampleFiles() {
        return Js7Fixtures.files(Js7Fixtures.path("examples"));
    }

    static Stream<Arguments> examples() {
        return examples(exampleFiles());
    }

    @Test
    void everyExampleFileIsAJsonDocumentWithItsNote() {
        List<Path> files = exampleFiles();
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".json")) {
                assertThat(f.resolveSibling(name + ".md")).exists();
            } else {
                assertThat(name).endsWith(".json.md");
                assertThat(f.resolveSibling(name.substring(0, name.length() - ".md".length()))).exists();
            }
        }
        assertThat(examples().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void everyTraceFileHasItsNote() {
        for (Path f : Js7Fixtures.files(Js7Fixtures.path("traces"))) {
            String name = f.getFileName().toString();
            if (!name.endsWith(".md")) {
                assertThat(f.resolveSibling(name + ".md")).exists();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRoundTrips(String name, JsonNode json) {
        assertRoundTrips(json);
    }

    /** Decodes a workflow, an instruction or a job, encodes it, and compares with the normalised input. */
    static void assertRoundTrips(JsonNode json) {
        JsonNode encoded;
        if (json.has("instructions") && json.has("path")) {
            Workflow workflow = ok(WorkflowJson.decode(json, Optional.of(DEFAULT_VERSION)));
            encoded = WorkflowJson.encode(workflow);
            assertThat(ok(WorkflowJson.decode(encoded))).isEqualTo(workflow);
        } else if (json.has("TYPE")) {
            Instruction instruction = ok(InstructionJson.decode(json));
            encoded = InstructionJson.encode(instruction);
            assertThat(ok(InstructionJson.decode(encoded))).isEqualTo(instruction);
        } else {
            WorkflowJob job = ok(JobJson.decode(json));
            encoded = JobJson.encode(job);
            assertThat(ok(JobJson.decode(encoded))).isEqualTo(job);
        }
        assertSameTree(encoded, normalise(json));
        // Printed text re-parses to the same tree: numbers survive printing (plain notation, exact).
        assertSameTree(EngineJson.parse(EngineJson.print(encoded)).orThrow(), encoded);
    }

    @Test
    void traceWorkflowDecodesAndRoundTrips() {
        assertTraceWorkflowRoundTrips(read(Js7Fixtures.path("traces/" + Js7Fixtures.TRACE_WORKFLOW)));
    }

    static void assertTraceWorkflowRoundTrips(JsonNode json) {
        Workflow workflow = ok(WorkflowJson.decode(json));
        assertThat(workflow.id().toString()).isEqualTo("trace/simple~t1");
        assertThat(workflow.instructions()).hasSize(2);
        assertThat(workflow.jobs()).hasSize(3);
        assertSameTree(WorkflowJson.encode(workflow), normalise(json));
    }

    static <T> T ok(Checked<T> checked) {
        if (checked.isFail()) {
            fail("Expected success but got problem: %s", checked.problemOption().orElseThrow().message());
        }
        return checked.orThrow();
    }
}
