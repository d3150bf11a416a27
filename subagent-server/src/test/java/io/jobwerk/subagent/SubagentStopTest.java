package io.jobwerk.subagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Subagent's graceful stop: new processes are refused, running ones go on until terminated. */
class SubagentStopTest {

    @TempDir Path dir;
    SubagentServer server;
    EngineClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void afterStopStartingJobsANewProcessIsRefusedAndTheRunningOneGoesOnUntilTerminated() throws Exception {
        Users users = new Users(List.of(new UserAccount("director", PasswordHash.parse("plain:secret").orThrow(), Set.of(Permission.AgentDirector))));
        server = SubagentServer.start(new SubagentConf(dir, WebServerConf.loopback(0), users, Duration.ofSeconds(30), 100));
        client = new EngineClient("http://127.0.0.1:" + server.port() + "/subagent/api", "director", "secret");
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        var running = new SubagentCommand.StartOrderProcess(new OrderId("RUNNING"), launch("t1", "sleep 60"));
        assertThat(start(running).isOk()).isTrue();

        server.stopStartingJobs();
        Checked<?> refused = start(new SubagentCommand.StartOrderProcess(new OrderId("NEW"), launch("t2", "echo never")));
        assertThat(refused.problemOption().orElseThrow().code()).isEqualTo(OrderProcesses.STOPPING);
        assertThat(SubagentCommandJson.decodeStartResponse(start(running).orThrow()).orThrow().process())
                .as("a repeated start of the running task is still answered").isEqualTo(SubagentCommand.ProcessState.Running);
        assertThat(server.processCount()).isEqualTo(1);

        server.terminateJobs();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.processCount() > 0) {
            assertThat(System.nanoTime()).as("the process ends after SIGTERM").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void anEndedJobCountsForTheGracefulStopUntilTheDirectorReleasedItsOutcome() throws Exception {
        Users users = new Users(List.of(new UserAccount("director", PasswordHash.parse("plain:secret").orThrow(), Set.of(Permission.AgentDirector))));
        server = SubagentServer.start(new SubagentConf(dir, WebServerConf.loopback(0), users, Duration.ofSeconds(30), 100));
        client = new EngineClient("http://127.0.0.1:" + server.port() + "/subagent/api", "director", "secret");
        client.command(SubagentCommandJson.encode(new SubagentCommand.CoupleDirector("d1"))).orThrow();
        assertThat(start(new SubagentCommand.StartOrderProcess(new OrderId("QUICK"), launch("t1", "exit 0"))).isOk()).isTrue();
        server.stopStartingJobs();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.processCount() > 0) {
            assertThat(System.nanoTime()).as("the job ends").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(server.unreportedJobCount()).as("its OrderProcessed is not released yet").isEqualTo(1);

        client.command(SubagentCommandJson.encode(new SubagentCommand.ReleaseEvents(Long.MAX_VALUE))).orThrow();
        assertThat(server.unreportedJobCount()).as("released: the Director has persisted the outcome").isZero();
    }

    private static io.jobwerk.subagent.process.JobLaunch launch(String taskId, String script) {
        return new io.jobwerk.subagent.process.JobLaunch(taskId, io.jobwerk.engine.job.Executable.ShellScript.of(script), List.of(),
                java.util.Map.of(), Duration.ofMillis(200), java.util.Optional.empty(), false);
    }

    private Checked<com.fasterxml.jackson.databind.JsonNode> start(SubagentCommand.StartOrderProcess start) {
        return client.command(SubagentCommandJson.encode(start));
    }
}
