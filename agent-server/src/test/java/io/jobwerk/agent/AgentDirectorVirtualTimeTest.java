package io.jobwerk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.runtime.MemoryEngineJournals;
import io.jobwerk.scheduler.VirtualScheduler;
import io.jobwerk.testing.CloseAfterEach;
import io.jobwerk.testing.VirtualAwait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Agent Director on a memory journal in virtual time, commanded over HTTP on loopback as its
 * Controller does: retry delays pass when the test advances the clock, and a restart continues the
 * journal as a restart on its files would.
 */
class AgentDirectorVirtualTimeTest {

    private static final AgentPath AGENT = new AgentPath("agent");

    @RegisterExtension final CloseAfterEach closing = new CloseAfterEach();
    @TempDir Path dir;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final MemoryEngineJournals journals = new MemoryEngineJournals();

    private AgentDirector startDirector(int port) {
        Users users = new Users(List.of(new UserAccount("controller", PasswordHash.parse("plain:pw").orThrow(), Set.of(Permission.Super))));
        return closing.add(AgentDirector.start(new AgentConf(AGENT, new SubagentId("agent-1"), dir, WebServerConf.loopback(port), users,
                "test", Duration.ofSeconds(1), false), scheduler, journals));
    }

    private void attach(AgentDirector agent, String instructions, String script) {
        String batch = "{\"TYPE\":\"Batch\",\"commands\":["
                + "{\"TYPE\":\"AttachItem\",\"item\":{\"TYPE\":\"AgentRef\",\"path\":\"agent\",\"directors\":[\"agent-1\"]}},"
                + "{\"TYPE\":\"AttachSignedItem\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\","
                + "\"instructions\":" + instructions + ",\"jobs\":{\"job\":{\"agentPath\":\"agent\","
                + "\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"" + script + "\"}}}}},"
                + "{\"TYPE\":\"AttachOrder\",\"order\":{\"id\":\"ORDER\",\"workflowPosition\":{\"workflowId\":{\"path\":\"W\",\"versionId\":\"1\"},"
                + "\"position\":[0]},\"state\":{\"TYPE\":\"Ready\"},\"attachedState\":{\"TYPE\":\"Attaching\",\"agentPath\":\"agent\"}}}]}";
        try (EngineClient client = new EngineClient("http://127.0.0.1:" + agent.port() + "/agent/api", "controller", "pw")) {
            var answer = client.command(EngineJson.parse(batch).orThrow()).orThrow();
            assertThat(answer.toString()).doesNotContain("Problem");
        }
    }

    /** The order's events in the Agent's journal (all of them, across restarts). */
    private List<String> orderEvents() {
        return journals.journal("Agent:" + AGENT).orElseThrow().read(0, 10_000).orThrow().stream()
                .filter(s -> s.keyedEvent().key().equals(Optional.of("ORDER")))
                .map(Stamped::keyedEvent).map(k -> k.event()).map(Event::typeName).toList();
    }

    private List<String> agentJournalEvents() {
        return journals.journal("Agent:" + AGENT).orElseThrow().read(0, 10_000).orThrow().stream()
                .filter(s -> s.keyedEvent().key().equals(Optional.of("ORDER"))).map(s -> s.keyedEvent().event().toString()).toList();
    }

    private void awaitEvent(String eventName, int count) {
        VirtualAwait.until(scheduler, count + " × " + eventName,
                () -> orderEvents().stream().filter(eventName::equals).count() >= count, () -> "events: " + orderEvents());
    }

    @Test
    void aRetryStartsTheJobAgainExactlyAfterItsDelay() {
        AgentDirector agent = startDirector(0);
        attach(agent, "[{\"TYPE\":\"Try\",\"try\":{\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"job\"}]},"
                + "\"catch\":{\"instructions\":[{\"TYPE\":\"Retry\"}]},\"retryDelays\":[3600],\"maxTries\":2}]", "exit 1");
        awaitEvent("OrderRetrying", 1);
        scheduler.advance(Duration.ofSeconds(3599));
        scheduler.runUntilIdle();
        assertThat(orderEvents()).as("not woken before the delay").endsWith("OrderRetrying");

        scheduler.advance(Duration.ofSeconds(1));
        awaitEvent("OrderProcessed", 2);
        awaitEvent("OrderDetachable", 1);
        assertThat(orderEvents()).containsExactly("OrderAttachedToAgent", "OrderMoved", "OrderProcessingStarted",
                "OrderProcessed", "OrderCaught", "OrderRetrying", "OrderAwoke", "OrderMoved", "OrderProcessingStarted", "OrderProcessed",
                "OrderDetachable");
        assertThat(scheduler.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aProcessRunningWhenTheDirectorStoppedIsLostAndTheStepRunsAgainAfterTheRestart() {
        AgentDirector agent = startDirector(0);
        int port = agent.port();
        // The first run waits (until the Director kills it), the second ends at once.
        attach(agent, "[{\"TYPE\":\"Execute.Named\",\"jobName\":\"job\"}]",
                "if [ -f " + dir.resolve("ran") + " ]; then exit 0; fi; touch " + dir.resolve("ran") + "; sleep 60");
        VirtualAwait.until(scheduler, "the job's first run", () -> java.nio.file.Files.exists(dir.resolve("ran")));
        agent.close();

        startDirector(port);
        awaitEvent("OrderDetachable", 1);
        assertThat(orderEvents()).as("OrderProcessed(Disrupted(ProcessLost)) moves the order back to its step")
                .containsExactly("OrderAttachedToAgent", "OrderProcessingStarted", "OrderProcessed", "OrderMoved",
                        "OrderProcessingStarted", "OrderProcessed", "OrderMoved", "OrderDetachable");
        assertThat(agentJournalEvents().get(2)).contains("ProcessLost");
        assertThat(scheduler.elapsed()).isZero();
    }
}
