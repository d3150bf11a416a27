package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.client.EngineClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An order that waits says why, in {@code jobwerk orders} and in {@code GET /controller/api/order/ID/obstacles},
 * on a real Controller and Agent in this JVM: a lock held by another order, a prompt, a failed job.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OrderObstaclesCliTest {

    @TempDir
    static Path data;

    static Standalone standalone;
    static Cli cli;

    @BeforeAll
    static void start() throws Exception {
        UserAccount user = new UserOption().convert("tester:tester-pass");
        standalone = Standalone.start(data.resolve("standalone"), 0, List.of(user), false).orThrow();
        cli = new Cli(standalone.controllerUri(), "tester:tester-pass");
        Path dir = Files.createDirectories(data.resolve("items"));
        Files.writeString(dir.resolve("obstacle-L.lock.json"), "{\"limit\":1}");
        Files.writeString(dir.resolve("obstacle-locked.workflow.json"), "{\"instructions\":[{\"TYPE\":\"Lock\",\"demands\":[{\"lockPath\":\"obstacle-L\"}],"
                + "\"lockedWorkflow\":{\"instructions\":[" + job("sleep 60") + "]}}]}");
        Files.writeString(dir.resolve("obstacle-prompt.workflow.json"), "{\"instructions\":[{\"TYPE\":\"Prompt\",\"question\":\"'Go on?'\"}]}");
        Files.writeString(dir.resolve("obstacle-failing.workflow.json"), "{\"instructions\":[" + job("exit 3") + "]}");
        Cli.Result deployed = cli.client("deploy", data.resolve("items").toString());
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
    }

    private static String job(String script) {
        return "{\"TYPE\":\"Execute.Anonymous\",\"job\":{\"agentPath\":\"agent\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\","
                + "\"script\":\"" + script + "\"}}}";
    }

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void ordersShowsTheLockItsHolderThePromptAndTheFailedReturnCode() {
        add("obstacle-locked", "t-holder");
        awaitState("t-holder", OrderState.Kind.PROCESSING);
        add("obstacle-locked", "t-waiter");
        add("obstacle-prompt", "t-prompt");
        add("obstacle-failing", "t-failed");
        awaitState("t-waiter", OrderState.Kind.WAITING_FOR_LOCK);
        awaitState("t-prompt", OrderState.Kind.PROMPTING);
        awaitState("t-failed", OrderState.Kind.FAILED);

        String out = cli.client("orders", "--workflow", "obstacle-locked").out()
                + cli.client("orders", "--workflow", "obstacle-prompt").out()
                + cli.client("orders", "--workflow", "obstacle-failing").out();
        assertThat(out).containsPattern("t-waiter +obstacle-locked~\\S+ +\\[0\\] +WaitingForLock +- +WaitingForLock\\(obstacle-L held by t-holder\\)\n")
                .containsPattern("t-prompt +obstacle-prompt~\\S+ +\\[0\\] +Prompting +- +WaitingForCommand\\(prompting: Go on\\?\\)\n")
                .containsPattern("t-failed +obstacle-failing~\\S+ +\\[0\\] +Failed +- +WaitingForCommand\\(failed: returnCode 3\\)\n")
                .containsPattern("t-holder +\\S+ +\\[0,\"lock\",0\\] +Processing +agent +-\n");

        assertThat(obstacles("t-waiter").toString()).isEqualTo(
                "[{\"TYPE\":\"WaitingForLock\",\"lockPath\":\"obstacle-L\",\"holders\":[\"t-holder\"],\"queuedBefore\":[]}]");
        assertThat(obstacles("t-prompt").toString()).isEqualTo("[{\"TYPE\":\"WaitingForCommand\",\"reason\":\"prompting: Go on?\"}]");
        assertThat(obstacles("t-failed").toString()).isEqualTo("[{\"TYPE\":\"WaitingForCommand\",\"reason\":\"failed: returnCode 3\"}]");
        assertThat(cli.client("cancel", "--kill", "t-holder", "t-waiter", "t-prompt", "t-failed").exitCode()).isZero();
    }

    private static void add(String workflow, String id) {
        Cli.Result r = cli.client("order", "add", workflow, "--id", id);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private static JsonNode obstacles(String orderId) {
        try (EngineClient client = new EngineClient(standalone.controllerUri() + "/controller/api", "tester", "tester-pass")) {
            return client.get(List.of("order", orderId, "obstacles")).orThrow();
        }
    }

    static void awaitState(String orderId, OrderState.Kind kind) {
        ClientCommandsTest.await(() -> {
            var order = standalone.controller.keeper().state().orders().get(new OrderId(orderId));
            return order != null && order.state().kind() == kind;
        }, orderId + " " + kind);
    }
}
