package io.jobwerk.subagent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.subagent.process.JobLaunch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubagentServerTest {

    @TempDir Path dir;
    SubagentServer server;
    EngineClient client;

    void start(Duration directorTimeout) {
        Users users = new Users(List.of(
                new UserAccount("director", PasswordHash.parse("plain:secret").orThrow(), Set.of(Permission.AgentDirector)),
                new UserAccount("viewer", PasswordHash.parse("plain:look").orThrow(), Set.of(Permission.ValidUser))));
        server = SubagentServer.start(new SubagentConf(dir, WebServerConf.loopback(0), users, directorTimeout, 100));
        client = new EngineClient("http://127.0.0.1:" + server.port() + "/subagent/api", "director", "secret");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static JobLaunch launch(String taskId, String script) {
        return new JobLaunch(taskId, Executable.ShellScript.of(script), List.of(), Map.of(), Duration.ofMillis(200), Optional.empty(), false);
    }

    /** The first OrderProcessed event (a killed shell may write "Terminated" to stderr before). */
    String processedEvent() {
        List<String> seen = new ArrayList<>();
        client.readEvents(0, Duration.ofSeconds(5), json -> {
            if (json.path("TYPE").asText().equals("OrderProcessed")) {
                seen.add(json.path("Key").asText() + " OrderProcessed " + json.get("outcome").path("TYPE").asText());
            }
            return seen.isEmpty();
        });
        return seen.isEmpty() ? "none" : seen.get(0);
    }

    /** The first {@code n} OrderProcessed events, as {@link #events} describes them. */
    List<String> processedEvents(int n) {
        List<String> processed = new ArrayList<>();
        client.readEvents(0, Duration.ofSeconds(30), json -> {
            if (json.path("TYPE").asText().equals("OrderProcessed")) {
                processed.add(json.path("Key").asText() + " OrderProcessed " + json.get("outcome").path("TYPE").asText());
            }
            return processed.size() < n;
        });
        return processed;
    }

    List<String> events(long after, Duration timeout, int until) {
        List<String> seen = new ArrayList<>();
        client.readEvents(after, timeout, json -> {
            seen.add(json.path("Key").asText() + " " + json.path("TYPE").asText()
                    + (json.has("chunk") ? " " + json.get("chunk").asText().trim() : "")
                    + (json.has("outcome") ? " " + json.get("outcome").path("TYPE").asText() : ""));
            return seen.size() < until;
        });
        return seen;
    }

    @Test
    void runsAProcessAndStreamsItsOutputAndOutcome() {
        start(Duration.ofSeconds(30));
        JsonNode coupled = client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        assertThat(SubagentCommandJson.decodeCoupled(coupled).orThrow().subagentRunId()).isEqualTo(server.runId());
        var start = new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), launch("t1", "echo hello"));
        assertThat(started(start)).isEqualTo(SubagentCommand.ProcessState.Started);
        assertThat(events(0, Duration.ofSeconds(10), 2)).containsExactly("ORDER OrderStdoutWritten hello", "ORDER OrderProcessed Succeeded");
        JsonNode overview = client.get("").orThrow();
        assertThat(overview.path("processCount").asInt()).isZero();
        assertThat(overview.path("totalMemorySize").asLong()).isPositive();
    }

    SubagentCommand.ProcessState started(SubagentCommand.StartOrderProcess start) {
        return SubagentCommandJson.decodeStartResponse(client.command(SubagentCommandJson.encode(start)).orThrow()).orThrow().process();
    }

    @Test
    void aRepeatedStartOfATaskAnswersTheStateOfItsProcessAndNeverStartsItAgain() throws Exception {
        start(Duration.ofSeconds(30));
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        Path marker = dir.resolve("runs");
        var start = new SubagentCommand.StartOrderProcess(new OrderId("ORDER"),
                launch("t1", "echo run >>" + marker + "; while [ ! -f " + dir.resolve("go") + " ]; do sleep 0.05; done"));
        assertThat(started(start)).isEqualTo(SubagentCommand.ProcessState.Started);
        assertThat(started(start)).isEqualTo(SubagentCommand.ProcessState.Running);
        assertThat(server.processCount()).isEqualTo(1);
        java.nio.file.Files.writeString(dir.resolve("go"), "");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.processCount() > 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(started(start)).isEqualTo(SubagentCommand.ProcessState.Ended);
        assertThat(java.nio.file.Files.readAllLines(marker)).containsExactly("run");
    }

    @Test
    void processEventsCarryTheTaskIdOfTheirStart() {
        start(Duration.ofSeconds(30));
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        client.command(SubagentCommandJson.encode(new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), launch("t1", "echo hello")))).orThrow();
        List<String> seen = new ArrayList<>();
        client.readEvents(0, Duration.ofSeconds(10), json -> {
            var event = ProcessEventJson.decode(json).orThrow();
            seen.add(event.keyedEvent().key().orElseThrow() + " " + event.keyedEvent().event().taskId() + " " + event.keyedEvent().event().typeName());
            return seen.size() < 2;
        });
        assertThat(seen).containsExactly("ORDER t1 OrderStdoutWritten", "ORDER t1 OrderProcessed");
    }

    @Test
    void aStartMeantForAnEarlierRunOfTheSubagentIsRejected() {
        start(Duration.ofSeconds(30));
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        var start = new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), launch("t1", "echo hello"), Optional.of("an-earlier-run"));
        assertThat(client.command(SubagentCommandJson.encode(start)).problemOption().orElseThrow().code()).isEqualTo("SubagentRunIdMismatch");
        assertThat(server.processCount()).isZero();
        var right = new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), launch("t1", "echo hello"), Optional.of(server.runId()));
        assertThat(started(right)).isEqualTo(SubagentCommand.ProcessState.Started);
    }

    @Test
    void killsItsProcessesWhenTheDirectorIsSilentTooLong() {
        start(Duration.ofMillis(500));
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        long t0 = System.nanoTime();
        client.command(SubagentCommandJson.encode(new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), launch("t1", "sleep 30")))).orThrow();
        while (server.processCount() > 0 && System.nanoTime() - t0 < 10_000_000_000L) {
            Thread.onSpinWait();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(server.processCount()).isZero();
        assertThat(ms).isBetween(450L, 3000L);
        assertThat(processedEvent()).isEqualTo("ORDER OrderProcessed Killed");
    }

    @Test
    void aUserWithoutAgentDirectorSeesTheOverviewButNeitherCommandsNorKeepsTheProcessesAlive() throws Exception {
        start(Duration.ofMillis(500));
        try (EngineClient viewer = new EngineClient("http://127.0.0.1:" + server.port() + "/subagent/api", "viewer", "look")) {
            assertThat(viewer.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("v1"))).problemOption().orElseThrow())
                    .satisfies(p -> assertThat(p.code()).isEqualTo("Forbidden"))
                    .satisfies(p -> assertThat(p.message()).isEqualTo("User 'viewer' lacks the permission AgentDirector"));
            assertThat(viewer.readEvents(0, Duration.ZERO, json -> true).problemOption()).isPresent();
            client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
            long t0 = System.nanoTime();
            client.command(SubagentCommandJson.encode(new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), launch("t1", "sleep 30")))).orThrow();
            while (server.processCount() > 0 && System.nanoTime() - t0 < 10_000_000_000L) {
                assertThat(viewer.get("").orThrow().has("processCount")).isTrue();
                Thread.sleep(50);
            }
            assertThat(server.processCount()).isZero();
            assertThat(processedEvent()).isEqualTo("ORDER OrderProcessed Killed");
        }
    }

    @Test
    void aNewDirectorRunKillsTheProcessesOfThePreviousOne() throws Exception {
        start(Duration.ofSeconds(30));
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        client.command(SubagentCommandJson.encode(new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), launch("t1", "sleep 30")))).orThrow();
        assertThat(server.processCount()).isEqualTo(1);
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        assertThat(server.processCount()).isEqualTo(1);
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d2"))).orThrow();
        assertThat(processedEvent()).isEqualTo("ORDER OrderProcessed Killed");
    }

    @Test
    void aSubagentServesOneAgentUntilItsDirectorFallsSilent() throws Exception {
        start(Duration.ofMillis(800));
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("Agent:A:1", Optional.of("A")))).orThrow();
        client.command(SubagentCommandJson.encode(new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), launch("t1", "sleep 30")))).orThrow();

        assertThat(client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("Agent:B:1", Optional.of("B"))))
                .problemOption().orElseThrow())
                .satisfies(p -> assertThat(p.code()).isEqualTo("SubagentAlreadyDedicated"))
                .satisfies(p -> assertThat(p.message()).startsWith("This Subagent serves Agent 'A'; Agent 'B' may have it once"));
        assertThat(server.processCount()).isEqualTo(1); // A's process was not killed by B's attempt

        // A's Director falls silent (B's refused attempts, every 100 ms, are no sign of A's life): its process is killed, and B may couple
        long t0 = System.nanoTime();
        while (server.processCount() > 0 && System.nanoTime() - t0 < 10_000_000_000L) {
            assertThat(client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("Agent:B:1", Optional.of("B"))))
                    .isFail() || server.processCount() == 0).isTrue();
            Thread.sleep(100);
        }
        assertThat(processedEvent()).isEqualTo("ORDER OrderProcessed Killed");
        assertThat(client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("Agent:B:1", Optional.of("B")))).isOk()).isTrue();
    }

    @Test
    void aLateKillOfAnEarlierTaskOfTheOrderDoesNotKillItsCurrentTask() throws Exception {
        start(Duration.ofSeconds(30));
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        OrderId order = new OrderId("ORDER");
        assertThat(started(new SubagentCommand.StartOrderProcess(order, launch("t1", "exit 0")))).isEqualTo(SubagentCommand.ProcessState.Started);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.processCount() > 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        Path go = dir.resolve("go");
        assertThat(started(new SubagentCommand.StartOrderProcess(order, launch("t2", "while [ ! -f " + go + " ]; do sleep 0.05; done"))))
                .isEqualTo(SubagentCommand.ProcessState.Started);

        // The kill meant for t1 arrives only now (held on the way, or sent after a lost answer).
        client.command(SubagentCommandJson.encode(new SubagentCommand.KillProcess(order, "t1", true))).orThrow();
        java.nio.file.Files.writeString(go, "");
        assertThat(events(0, Duration.ofSeconds(30), 2)).containsExactly("ORDER OrderProcessed Succeeded", "ORDER OrderProcessed Succeeded");

        // A kill of the current task does kill it.
        assertThat(started(new SubagentCommand.StartOrderProcess(order, launch("t3", "sleep 30")))).isEqualTo(SubagentCommand.ProcessState.Started);
        client.command(SubagentCommandJson.encode(new SubagentCommand.KillProcess(order, "t3", true))).orThrow();
        // (the shell may write "Killed" to stderr before its OrderProcessed)
        assertThat(processedEvents(3)).last().isEqualTo("ORDER OrderProcessed Killed");
    }
}
