package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import io.jobwerk.testing.ServerProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every server stops on SIGTERM in order and exits with 0 (not the JVM's 143), and starts again on its data. */
class SigtermTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private TestSystem system;
    private ServerProcess subagent;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void standaloneStopsWithExitCodeZeroKillsItsJobAndRestartsTheLostStepAfterARestart() throws Exception {
        system = closing.add(TestSystem.standalone(dir));
        String marker = dir.resolve("slept-once").toString();
        system.deployWorkflows("""
                {"path":"test/once","instructions":[
                  {"TYPE":"Execute.Named","jobName":"first"},
                  {"TYPE":"Execute.Named","jobName":"sleep"}],
                 "jobs":{
                  "first":{"agentPath":"$AGENT","executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho first\\n"}},
                  "sleep":{"agentPath":"$AGENT","executable":{"TYPE":"ShellScriptExecutable",
                           "script":"#!/bin/sh\\necho sleeping\\nif [ ! -e MARKER ]; then touch MARKER; sleep 60; fi\\n"}}}}
                """.replace("MARKER", marker));
        system.addOrder("test/once", "term-1");
        EventLog log = system.events();
        log.await(() -> log.ofOrder("term-1").stream().anyMatch(e -> e.path("chunk").asText().contains("sleeping")), TIMEOUT,
                "job sleeping");
        List<ProcessHandle> jobs = system.standalone.descendants();
        assertThat(jobs).isNotEmpty();

        assertThat(system.standalone.terminate()).as("exit code after SIGTERM").isZero();
        assertThat(jobs).as("the job processes were stopped with the Agent").noneMatch(p -> ServerFaultTest.isRunning(p.pid()));
        assertThat(system.standalone.output()).doesNotContain("Exception");

        system.startStandalone();
        log.awaitTerminated("term-1", TIMEOUT);
        assertThat(log.typesOf("term-1")).endsWith("OrderFinished");
        assertThat(log.ofOrder("term-1").stream().filter(e -> e.path("TYPE").asText().equals("OrderProcessed"))
                .map(e -> e.path("outcome").path("TYPE").asText()).toList())
                .as("the step stopped with the Agent is recorded as lost and runs again")
                .containsExactly("Succeeded", "Disrupted", "Succeeded");
    }

    @ParameterizedTest(name = "SIGTERM to the {0}")
    @ValueSource(strings = {"controller", "agent", "subagent"})
    void serverExitsWithZeroOnSigterm(String which) {
        ServerProcess server;
        if (which.equals("subagent")) {
            subagent = closing.add(ServerProcess.start("subagent", dir.resolve("subagent.log"), "subagent",
                    "--data", dir.resolve("subagent").toString(), "--port", "0", "--user", "director:director-pw"));
            server = subagent;
        } else {
            system = closing.add(TestSystem.separate(dir));
            server = which.equals("controller") ? system.controller : system.agent;
        }
        assertThat(server.terminate()).as(which + " exit code after SIGTERM\n" + server.output()).isZero();
    }
}
