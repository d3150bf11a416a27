package io.jobwerk.subagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.subagent.process.JobLaunch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubagentCommandJsonTest {

    static final JobLaunch LAUNCH = new JobLaunch("task-1", Executable.ShellScript.of("echo hello"), List.of(),
            Map.of("JS7_ORDER_ID", "ORDER"), Duration.ofMillis(1500), Optional.of(Duration.ofSeconds(60)), true);

    @Test
    void startOrderProcessHasTheGoldenJson() {
        String json = EngineJson.print(SubagentCommandJson.encode(new SubagentCommand.StartOrderProcess(new OrderId("ORDER"), LAUNCH)));
        assertThat(json).isEqualTo("{\"TYPE\":\"StartOrderProcess\",\"orderId\":\"ORDER\",\"taskId\":\"task-1\",\"launch\":{"
                + "\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"echo hello\"},\"commandLine\":[],"
                + "\"env\":{\"JS7_ORDER_ID\":\"ORDER\"},\"sigkillDelay\":1.5,\"timeout\":60,\"failOnErrWritten\":true}}");
    }

    @Test
    void everyCommandRoundTrips() {
        List<SubagentCommand> commands = List.of(
                new SubagentCommand.CoupleDirector("run-1", Optional.of("agent")),
                new SubagentCommand.StartOrderProcess(new OrderId("ORDER|fork-branch"), LAUNCH), // a fork's child order
                new SubagentCommand.KillProcess(new OrderId("ORDER|fork-branch"), "task-1", true),
                new SubagentCommand.ReleaseEvents(1234),
                new SubagentCommand.NoOperation());
        assertThat(commands.stream().map(SubagentCommand::kind).toList()).containsExactlyInAnyOrder(SubagentCommand.Kind.values());
        for (SubagentCommand c : commands) {
            assertThat(SubagentCommandJson.decode(SubagentCommandJson.encode(c)).orThrow()).isEqualTo(c);
        }
    }

    @Test
    void directorCoupledRoundTrips() {
        var coupled = new SubagentCommand.DirectorCoupled("sub-run", 2500, 77, true, 70,
                java.util.Map.of(new io.jobwerk.engine.order.OrderId("O"), "task-1"));
        assertThat(EngineJson.print(SubagentCommandJson.encode(coupled)))
                .isEqualTo("{\"TYPE\":\"DirectorCoupled\",\"subagentRunId\":\"sub-run\",\"directorTimeout\":2.5,\"lastEventId\":77,"
                        + "\"continued\":true,\"keptAfterEventId\":70,\"processes\":[{\"orderId\":\"O\",\"taskId\":\"task-1\"}]}");
        assertThat(SubagentCommandJson.decodeCoupled(SubagentCommandJson.encode(coupled)).orThrow()).isEqualTo(coupled);
        // As an earlier Subagent answers: nothing continued, all its events kept
        assertThat(SubagentCommandJson.decodeCoupled(EngineJson.parse(
                "{\"TYPE\":\"DirectorCoupled\",\"subagentRunId\":\"r\",\"directorTimeout\":1,\"lastEventId\":5}").orThrow()).orThrow())
                .isEqualTo(new SubagentCommand.DirectorCoupled("r", 1000, 5, false, 5, java.util.Map.of()));
    }

    @Test
    void badCommandsAreProblems() {
        assertThat(SubagentCommandJson.decode(EngineJson.parse("{\"TYPE\":\"Nope\"}").orThrow()).problemOption().orElseThrow().code())
                .isEqualTo("UnknownCommand");
        assertThat(SubagentCommandJson.decode(EngineJson.parse("{\"TYPE\":\"KillProcess\"}").orThrow()).isFail()).isTrue();
        assertThat(SubagentCommandJson.decode(EngineJson.parse("{\"TYPE\":\"KillProcess\",\"orderId\":\"O\"}").orThrow())
                .problemOption().orElseThrow().message()).contains("taskId");
        assertThat(SubagentCommandJson.decode(EngineJson.parse(
                "{\"TYPE\":\"StartOrderProcess\",\"orderId\":\"O\",\"taskId\":\"t\",\"launch\":{\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"x\"},\"sigkillDelay\":-1}}")
                .orThrow()).problemOption().orElseThrow().message()).contains("non-negative");
    }
}
