package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import io.jobwerk.testing.Ports;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.cli.JobwerkMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection state is visible: a Controller and an Agent as real processes; the Controller's event
 * stream and {@code jobwerk status} show the Agent and its Subagents coupled, the Agent's failure
 * while it is stopped (once per distinct problem) and its coupling again after its restart, and an
 * order waiting for the Agent says so.
 */
class CouplingSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private TestSystem system;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void agentStoppedAndStartedAgainIsCouplingFailedThenCoupledAndReady() throws Exception {
        system = closing.add(TestSystem.separate(dir));
        int nowhere = Ports.free();
        system.deployLines(List.of("{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"SubagentItem\",\"id\":\"REMOTE\","
                + "\"agentPath\":\"AGENT\",\"uri\":\"http://127.0.0.1:" + nowhere + "\"}}"));
        system.deployWorkflows(Workflows.SHORT);
        EventLog log = system.events();
        log.await(() -> index(log, "AgentCoupled", "AGENT", 0) >= 0 && index(log, "AgentReady", "AGENT", 0) >= 0
                        && index(log, "SubagentCoupled", "SUBAGENT", 0) >= 0 && index(log, "SubagentCouplingFailed", "REMOTE", 0) >= 0,
                TIMEOUT, "the Agent and its Subagents coupled, REMOTE not");
        assertThat(index(log, "AgentCoupled", "AGENT", 0)).isLessThan(index(log, "AgentReady", "AGENT", 0));
        JsonNode remoteFailed = log.all().get(index(log, "SubagentCouplingFailed", "REMOTE", 0));
        assertThat(remoteFailed.path("problem").path("message").asText()).isNotEmpty();

        String status = status();
        assertThat(status).containsPattern("\n  AGENT  coupled since \\S+Z\n")
                .containsPattern("\n    Subagent SUBAGENT http://127\\.0\\.0\\.1:" + system.agentPort + " \\(director\\)  coupled since \\S+Z\n")
                .containsPattern("\n    Subagent REMOTE http://127\\.0\\.0\\.1:" + nowhere + "  not coupled since \\S+Z: "
                        + Pattern.quote(remoteFailed.path("problem").path("message").asText()) + "\n");

        int before = log.all().size();
        assertThat(system.agent.terminate()).isZero();
        log.await(() -> index(log, "AgentCouplingFailed", "AGENT", before) >= 0, TIMEOUT, "AgentCouplingFailed");
        system.addOrder("test/short", "while-away");
        // The driver tries again and again meanwhile (0.2, 0.5, 1, 2, 3 s): that the same problem is journaled once over
        // many retries is AgentDriverBackoffTest's, in virtual time; here the failures so far must not repeat one.
        log.await(() -> index(log, "OrderAttachable", "while-away", before) >= 0, TIMEOUT, "the order to be attachable");
        List<JsonNode> failures = log.all().subList(before, log.all().size()).stream()
                .filter(e -> e.path("TYPE").asText().equals("AgentCouplingFailed")).toList();
        for (int i = 1; i < failures.size(); i++) {
            assertThat(failures.get(i).path("problem")).as("a failure journaled again with the same problem")
                    .isNotEqualTo(failures.get(i - 1).path("problem"));
        }
        // The driver keeps trying, and a new problem (say "Failed to connect" after "EOFException") may be journaled
        // between reading the log and asking: each answer must name a problem that was journaled (the log may lag).
        String whileAway = status();
        String orders = run("orders", "--controller", system.controllerUri(), "--user", TestSystem.USER + ":" + TestSystem.PASSWORD);
        Matcher statusProblem = Pattern.compile("\n  AGENT  not coupled since \\S+Z: (.+)\n").matcher(whileAway);
        assertThat(statusProblem.find()).as(whileAway).isTrue();
        Matcher ordersProblem = Pattern.compile("while-away .*AGENT \\(attaching\\) +AgentNotCoupled\\(AGENT: (.+)\\)").matcher(orders);
        assertThat(ordersProblem.find()).as(orders).isTrue();
        for (String problem : List.of(statusProblem.group(1), ordersProblem.group(1))) {
            log.await(() -> log.all().subList(before, log.all().size()).stream().anyMatch(e -> e.path("TYPE").asText().equals("AgentCouplingFailed")
                    && e.path("problem").path("message").asText().equals(problem)), TIMEOUT, "AgentCouplingFailed(" + problem + ")");
        }
        assertThat(whileAway).containsPattern("\n    Subagent SUBAGENT \\S+ \\(director\\)  coupled since \\S+Z \\(last reported by the Agent\\)\n");
        assertThat(system.client().get(List.of("order", "while-away", "obstacles")).orThrow().toString())
                .startsWith("[{\"TYPE\":\"AgentNotCoupled\",\"agentPath\":\"AGENT\",\"problem\":{");

        int away = log.all().size();
        system.startAgent();
        log.await(() -> index(log, "AgentCoupled", "AGENT", away) >= 0 && index(log, "AgentReady", "AGENT", away) >= 0,
                TIMEOUT, "AgentCoupled and AgentReady after the restart");
        assertThat(index(log, "AgentCoupled", "AGENT", away)).isLessThan(index(log, "AgentReady", "AGENT", away));
        log.awaitTerminated("while-away", TIMEOUT);
        assertThat(log.typesOf("while-away")).endsWith("OrderFinished");
        assertThat(status()).containsPattern("\n  AGENT  coupled since \\S+Z\n");
    }

    /** The index of the first event of this TYPE and Key at or after {@code from}; -1 if none. */
    private static int index(EventLog log, String type, String key, int from) {
        List<JsonNode> all = log.all();
        for (int i = from; i < all.size(); i++) {
            JsonNode e = all.get(i);
            if (e.path("TYPE").asText().equals(type) && Objects.equals(e.path("Key").asText(), key)) {
                return i;
            }
        }
        return -1;
    }

    private String status() {
        return run("status", "--controller", system.controllerUri(), "--user", TestSystem.USER + ":" + TestSystem.PASSWORD);
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = JobwerkMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }
}
