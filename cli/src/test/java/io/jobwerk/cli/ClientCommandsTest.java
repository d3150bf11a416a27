package io.jobwerk.cli;

import io.jobwerk.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.http.auth.UserAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a real Controller and Agent in this JVM (ephemeral ports). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientCommandsTest {

    static final Path DEMO_WORKFLOWS = Path.of("../demo/workflows");

    @TempDir
    static Path data;

    static Standalone standalone;
    static Cli cli;

    @BeforeAll
    static void start() throws Exception {
        UserAccount user = new UserOption().convert("tester:tester-pass");
        standalone = Standalone.start(data.resolve("standalone"), 0, List.of(user), false).orThrow();
        cli = new Cli(standalone.controllerUri(), "tester:tester-pass");
        Cli.Result deployed = cli.client("deploy", DEMO_WORKFLOWS.toString());
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
    }

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void deployPrintsEachItemWithItsFileUnderOneVersion() {
        Cli.Result r = cli.client("deploy", "--version-id", "v-test", DEMO_WORKFLOWS.resolve("hello.workflow.json").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Deployed Workflow demo/hello (version v-test)  from "
                + DEMO_WORKFLOWS.resolve("hello.workflow.json") + System.lineSeparator());
        assertThat(standalone.controller.keeper().state().currentVersions().get(new io.jobwerk.engine.workflow.WorkflowPath("demo/hello")).string())
                .isEqualTo("v-test");
    }

    @Test
    void deployOfABadFileNamesTheFileAndExitsWith1() throws Exception {
        Path bad = Files.writeString(data.resolve("bad.workflow.json"), "{\"instructions\":[{\"TYPE\":\"Bogus\"}]}");
        Cli.Result r = cli.client("deploy", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(bad.toString()).contains("unknown instruction TYPE 'Bogus'");
    }

    @Test
    void deployOfAnItemTheServerRejectsPrintsTheServersProblem() throws Exception {
        Path dir = Files.createDirectories(data.resolve("unknown-agent"));
        Files.writeString(dir.resolve("w.workflow.json"), "{\"instructions\":[{\"TYPE\":\"Execute.Anonymous\",\"job\":{\"agentPath\":\"nowhere\","
                + "\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"exit 0\"}}}]}");
        Cli.Result r = cli.client("deploy", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("jobwerk deploy: ").contains("nowhere");
    }

    @Test
    void orderAddThenLogFollowPrintsTheJobOutputUntilTheOrderFinishes() {
        Cli.Result added = cli.client("order", "add", "demo/hello", "--id", "t-hello");
        assertThat(added.out()).isEqualTo("Added order t-hello to workflow demo/hello" + System.lineSeparator());
        Cli.Result log = cli.client("log", "t-hello", "--follow");
        assertThat(log.exitCode()).isZero();
        assertThat(log.out()).startsWith("Hello from t-hello, job hello\n").contains("working directory: ");

        Cli.Result orders = cli.client("orders", "--workflow", "demo/hello");
        assertThat(orders.out().lines()).first().asString().startsWith("ID").contains("WORKFLOW", "POSITION", "STATE", "AGENT", "OBSTACLES");
        assertThat(orders.out()).containsPattern("t-hello +demo/hello~\\S+ +\\[1\\] +Finished +- +-");

        Cli.Result events = cli.client("events");
        assertThat(events.out()).containsPattern("t-hello  OrderAdded  workflowId=")
                .containsPattern("t-hello  OrderStdoutWritten  chunk=")
                .contains("t-hello  OrderFinished");
    }

    @Test
    void orderAddPassesArgumentsAndTheServersProblemExitsWith1() {
        Cli.Result missing = cli.client("order", "add", "demo/params", "--id", "t-params-0");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("jobwerk order add: Order 't-params-0' misses the argument 'name' required by workflow "
                + "'demo/params' (MissingOrderArgument)" + System.lineSeparator());

        assertThat(cli.client("order", "add", "demo/params", "--id", "t-params", "--arg", "name=Tester", "--arg", "count=1").exitCode()).isZero();
        Cli.Result log = cli.client("log", "-f", "t-params");
        assertThat(log.out()).isEqualTo("Tester: step 1 of 1\nthe previous job returned greeting='Hello, Tester' after 1 steps\n");
    }

    @Test
    void scheduledOrderIsFreshAndCancelFreshOnlyCancelsIt() {
        String later = Instant.now().plus(Duration.ofHours(1)).toString();
        assertThat(cli.client("order", "add", "demo/hello", "--id", "t-later", "--scheduled-for", later).exitCode()).isZero();
        assertThat(cli.client("orders", "--state", "fresh").out()).contains("t-later");
        Cli.Result cancel = cli.client("cancel", "--fresh-only", "t-later");
        assertThat(cancel.out()).isEqualTo("Cancellation requested: t-later" + System.lineSeparator());
        awaitState("t-later", OrderState.Kind.CANCELLED);
    }

    @Test
    void suspendWithKillShowsTheObstacleAndCancelEndsTheOrder() {
        assertThat(cli.client("order", "add", "demo/params", "--id", "t-long", "--arg", "name=long", "--arg", "count=60").exitCode()).isZero();
        awaitState("t-long", OrderState.Kind.PROCESSING);
        assertThat(cli.client("orders", "--state", "Processing").out()).containsPattern("t-long .* Processing +agent ");
        assertThat(cli.client("suspend", "--kill", "--immediately", "t-long").out()).isEqualTo("Suspension requested: t-long" + System.lineSeparator());
        awaitSuspended("t-long");
        // as JS7: the Agent hands the killed order back and the Controller suspends it
        assertThat(cli.client("orders", "--state", "suspended").out()).containsPattern("t-long .*Ready,suspended +- +WaitingForCommand");
        assertThat(cli.client("cancel", "t-long").exitCode()).isZero();
        awaitState("t-long", OrderState.Kind.CANCELLED);
        assertThat(cli.client("log", "t-long").out()).contains("started: order t-long").contains("\nlong: step 1 of 60\n");
    }

    @Test
    void suspendWithKillThenResumeAtTheNextPositionFinishesTheOrder() {
        assertThat(cli.client("order", "add", "demo/params", "--id", "t-resume", "--arg", "name=resume", "--arg", "count=60").exitCode()).isZero();
        awaitState("t-resume", OrderState.Kind.PROCESSING);
        assertThat(cli.client("suspend", "--kill", "--immediately", "t-resume").exitCode()).isZero();
        awaitSuspended("t-resume");
        Cli.Result resumed = cli.client("resume", "t-resume", "--position", "[1]");
        assertThat(resumed.out()).isEqualTo("Resumption requested: t-resume" + System.lineSeparator());
        Cli.Result log = cli.client("log", "--follow", "t-resume");
        assertThat(log.out()).startsWith("resume: step 1 of 60\n").endsWith("the previous job returned greeting='(none)' after no steps\n");
        awaitState("t-resume", OrderState.Kind.FINISHED);
        // The Agent's confirmation of a mark the Controller set is not written a second time: as JS7, it is OrderSuspensionMarkedOnAgent.
        String events = cli.client("events", "--json", "--after", "0").out();
        assertThat(events.lines().filter(l -> l.contains("\"Key\":\"t-resume\"") && l.contains("\"TYPE\":\"OrderSuspensionMarked\"")))
                .hasSize(1);
        assertThat(events.lines().filter(l -> l.contains("\"Key\":\"t-resume\"") && l.contains("\"TYPE\":\"OrderSuspensionMarkedOnAgent\"")))
                .hasSize(1);
        // suspended at the Controller (as JS7), it is resumed there at once, with the killed job's restart (JS7's default)
        assertThat(events.lines().filter(l -> l.contains("\"Key\":\"t-resume\"") && l.contains("\"TYPE\":\"OrderResumed\"")
                && l.contains("\"restartKilledJob\":true"))).hasSize(1);
    }

    @Test
    void resumeOfATerminatedOrderIsTheServersProblem() {
        assertThat(cli.client("order", "add", "demo/hello", "--id", "t-done").exitCode()).isZero();
        cli.client("log", "-f", "t-done");
        awaitState("t-done", OrderState.Kind.FINISHED);
        Cli.Result r = cli.client("resume", "t-done", "--position", "[0]", "--as-succeeded");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("jobwerk resume: Order 't-done' has already terminated (OrderTerminated)" + System.lineSeparator());
    }

    @Test
    void unknownOrderExitsWith1AndMissingArgumentsWith2() {
        Cli.Result unknown = cli.client("cancel", "no-such-order");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no-such-order");
        assertThat(cli.client("cancel").exitCode()).isEqualTo(2);
        assertThat(cli.client("resume", "a", "b", "--position", "[1]").exitCode()).isEqualTo(2);
        assertThat(cli.client("orders", "--user", "nocolon").exitCode()).isEqualTo(2);
        assertThat(Cli.run("no-such-command").exitCode()).isEqualTo(2);
    }

    @Test
    void wrongPasswordIsAProblemFromTheServer() {
        Cli.Result r = Cli.run("status", "--controller", standalone.controllerUri(), "--user", "tester:wrong");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("jobwerk status: ");
    }

    @Test
    void logOfAnOrderWithoutEventsExitsWith1() {
        Cli.Result r = cli.client("log", "never-added");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("The history holds no order 'never-added'");
    }

    @Test
    void eventsJsonPrintsTheServersLinesAndLimitStops() {
        Cli.Result r = cli.client("events", "--json", "--limit", "2");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"eventId\":").contains("\"TYPE\":\"UnsignedSimpleItemAdded\"");
        long second = Long.parseLong(lines.get(1).replaceAll("^\\{\"eventId\":(\\d+),.*", "$1"));
        Cli.Result after = cli.client("events", "--json", "--limit", "1", "--after", Long.toString(second - 1));
        assertThat(after.out()).isEqualTo(lines.get(1) + System.lineSeparator());
    }

    @Test
    void statusShowsControllerAgentsAndOrderCounts() {
        Cli.Result r = cli.client("status");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Controller standalone  version ")
                .containsPattern("Agents:\n  agent  coupled since \\S+Z\n    Subagent agent-1 " + java.util.regex.Pattern.quote(standalone.agentUri())
                        + " \\(director\\)  coupled since \\S+Z\n")
                .containsPattern("Workflows: 4 \\(\\d+ versions\\)")
                .contains("Orders: ");
    }

    @Test
    void journalDumpPrintsTheControllersEvents() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = Cli.run("journal", "dump", data.resolve("standalone/controller/journal").toString()).exitCode();
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"TYPE\":\"UnsignedSimpleItemAdded\"").contains("\"TYPE\":\"VersionAdded\"");
        assertThat(Cli.run("journal", "dump", data.resolve("nothing").toString()).exitCode()).isEqualTo(1);
    }

    static void awaitState(String orderId, OrderState.Kind kind) {
        await(() -> {
            var order = standalone.controller.keeper().state().orders().get(new OrderId(orderId));
            return order != null && order.state().kind() == kind;
        }, orderId + " " + kind);
    }

    static void awaitSuspended(String orderId) {
        await(() -> {
            var order = standalone.controller.keeper().state().orders().get(new OrderId(orderId));
            return order != null && order.isSuspended();
        }, orderId + " suspended");
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        Await.until(what, Duration.ofSeconds(30), condition);
    }
}
