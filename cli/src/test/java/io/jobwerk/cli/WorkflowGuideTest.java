package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobwerk.http.auth.UserAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of {@code docs/workflows.md} runs as written: the blocks marked {@code <!-- item -->} and
 * {@code <!-- example: STATE -->} are deployed on a standalone system, one order is added to each example
 * workflow, and it must reach STATE.
 */
class WorkflowGuideTest {

    private static final Path GUIDE = Path.of("../docs/workflows.md");
    private static final Pattern BLOCK = Pattern.compile("<!-- (item|example: (\\w+)(?:, id (\\S+))?) -->\\s*```json\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Map<String, String> SUFFIX = Map.of("Workflow", ".workflow.json", "Lock", ".lock.json",
            "GlobalBoard", ".board.json", "JobResource", ".jobresource.json", "Calendar", ".calendar.json");

    record Example(String workflow, String state, String orderId) {
    }

    @TempDir
    static Path data;
    static Standalone standalone;
    static Cli cli;
    static final List<Example> examples = new ArrayList<>();

    @BeforeAll
    static void deployTheGuide() throws Exception {
        UserAccount user = new UserOption().convert("tester:tester-pass");
        standalone = Standalone.start(data.resolve("standalone"), 0, List.of(user), false).orThrow();
        cli = new Cli(standalone.controllerUri(), "tester:tester-pass");
        Path items = Files.createDirectories(data.resolve("items"));
        Matcher m = BLOCK.matcher(Files.readString(GUIDE));
        ObjectMapper json = new ObjectMapper();
        while (m.find()) {
            JsonNode item = json.readTree(m.group(4));
            String type = item.path("TYPE").asText();
            String path = item.path("path").asText();
            Files.writeString(items.resolve(path + SUFFIX.get(type)), m.group(4));
            if (m.group(2) != null) {
                String id = m.group(3) == null ? path
                        : m.group(3).replace("TODAY", LocalDate.now(ZoneOffset.UTC).toString());
                examples.add(new Example(path, m.group(2), id));
            }
        }
        Cli.Result deployed = cli.client("deploy", items.toString());
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
    }

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachExampleReachesItsState() {
        assertThat(examples).hasSizeGreaterThan(10);
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.workflow() + " → " + e.state(), () -> {
            Cli.Result added = cli.client("order", "add", e.workflow(), "--id", e.orderId());
            assertThat(added.exitCode()).as(added.err()).isZero();
            Pattern reached = Pattern.compile("(?m)^" + Pattern.quote(e.orderId()) + " +\\S+ +\\S+ +" + e.state() + "\\b");
            String orders = "";
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                orders = cli.client("orders", "--workflow", e.workflow()).out();
                if (reached.matcher(orders).find()) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError(e.orderId() + " did not reach " + e.state() + ":\n" + orders
                    + cli.client("log", e.orderId()).out() + cli.client("events").out().lines()
                    .filter(l -> l.contains(e.orderId())).reduce("", (a, b) -> a + b + "\n"));
        }));
    }
}
