package io.jobwerk.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The JS7 reference material of a developer's checkout ({@code ../shared/js7-examples} and
 * {@code ../shared/js7-traces}, outside the repository) against the codec and the project's own
 * fixtures. Skipped where that material is absent, as in a plain clone: the fixtures carry every
 * assertion on their own.
 */
class SharedJs7FilesTest {

    private static Path shared(String name) {
        Optional<Path> dir = Js7Fixtures.sharedDir(name);
        assumeTrue(dir.isPresent(), () -> "No shared/" + name + " in " + Path.of("").toAbsolutePath()
                + " or a parent directory (none beside a plain clone): the comparison with it is skipped");
        return dir.orElseThrow();
    }

    private static Stream<JsonNode> documents(List<Path> files) {
        return JsonGoldenTest.examples(files).map(Arguments::get).map(a -> (JsonNode) a[1]);
    }

    @Test
    void everySharedExampleRoundTrips() {
        List<Path> files = Js7Fixtures.files(shared("js7-examples"));
        assertThat(JsonGoldenTest.examples(files)).hasSizeGreaterThanOrEqualTo(30);
        assertAll(JsonGoldenTest.examples(files).map(Arguments::get).<Executable>map(a -> () ->
                assertThatCode(() -> JsonGoldenTest.assertRoundTrips((JsonNode) a[1])).as((String) a[0]).doesNotThrowAnyException()));
    }

    @Test
    void theExampleFixturesUseEveryTypeAndFieldOfTheSharedExamples() {
        Set<String> sharedShapes = shapes(documents(Js7Fixtures.files(shared("js7-examples"))));
        Set<String> fixtureShapes = shapes(documents(JsonGoldenTest.exampleFiles()));
        assertThat(fixtureShapes).containsAll(sharedShapes);
    }

    /** "TYPE X" for every TYPE value and "field f" for every field name, except inside free-form maps. */
    private static Set<String> shapes(Stream<JsonNode> documents) {
        Set<String> shapes = new TreeSet<>();
        documents.forEach(d -> collectShapes(d, shapes));
        return shapes;
    }

    private static final Set<String> MAPS = Set.of("jobs", "defaultArguments", "env", "namedValues", "result",
            "arguments", "parameters");

    private static void collectShapes(JsonNode node, Set<String> shapes) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(field -> {
                shapes.add("field " + field.getKey());
                if (field.getKey().equals("TYPE")) {
                    shapes.add("TYPE " + field.getValue().asText());
                }
                if (MAPS.contains(field.getKey())) {
                    field.getValue().forEach(value -> collectShapes(value, shapes));
                } else {
                    collectShapes(field.getValue(), shapes);
                }
            });
        } else {
            node.forEach(child -> collectShapes(child, shapes));
        }
    }

    @Test
    void theSharedTraceRoundTrips() {
        Path traces = shared("js7-traces");
        List<String> lines = Js7Fixtures.lines(traces.resolve(Js7Fixtures.TRACE_EVENTS));
        EventJsonTest.assertEveryLineRoundTrips(lines);
        OrderEventJsonTest.assertTraceOrderEventsRoundTrip(lines);
        JsonGoldenTest.assertTraceWorkflowRoundTrips(JsonGoldenTest.read(traces.resolve(Js7Fixtures.TRACE_WORKFLOW)));
    }

    /** The fixture trace is the shared recording, apart from a shortened platformInfo and the signed text's spacing. */
    @Test
    void theTraceFixtureIsTheSharedRecording() {
        Path traces = shared("js7-traces");
        assertThat(JsonGoldenTest.read(Js7Fixtures.path("traces/" + Js7Fixtures.TRACE_WORKFLOW)))
                .isEqualTo(JsonGoldenTest.read(traces.resolve(Js7Fixtures.TRACE_WORKFLOW)));
        List<String> recorded = Js7Fixtures.lines(traces.resolve(Js7Fixtures.TRACE_EVENTS));
        List<String> fixture = Js7Fixtures.lines(Js7Fixtures.path("traces/" + Js7Fixtures.TRACE_EVENTS));
        assertThat(fixture).hasSameSizeAs(recorded);
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(comparable(fixture.get(i))).as("line %d", i + 1).isEqualTo(comparable(recorded.get(i)));
        }
    }

    private static JsonNode comparable(String line) {
        ObjectNode event = (ObjectNode) EngineJson.parse(line).orThrow();
        event.remove("platformInfo");
        if (event.get("signed") instanceof ObjectNode signed) {
            signed.set("string", EngineJson.parse(signed.get("string").asText()).orThrow());
        }
        return event;
    }
}
