package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import static io.jobwerk.system.SubagentClusterTest.oneJob;
import static io.jobwerk.system.SubagentClusterTest.quote;
import static io.jobwerk.system.SubagentClusterTest.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.outcome.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ResetSubagent} and the fate of internal jobs, with real Subagent processes: a reset records
 * the Subagent's processes as lost and dedicates it anew (it kills the old ones); an internal job
 * runs in the Director and is neither lost with the Subagent selected for it nor out of a kill's reach.
 */
class SubagentResetTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path dir;
    SubagentCluster cluster;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void resetSubagentRecordsItsProcessesAsLostAndItKillsThemBeforeTheJobRunsThereAgain() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5), "A"));
        Path first = dir.resolve("first-attempt");
        cluster.deploy(null, oneJob("twice", "if [ -f " + first + " ]; then echo second; else touch " + first + "; sleep 600; fi", "'A'"));
        cluster.addOrders("twice", "o1");
        cluster.await("the first attempt runs on A", WAIT, () -> Files.exists(first) && !cluster.jobProcesses("A").isEmpty());
        List<ProcessHandle> firstAttempt = cluster.jobProcesses("A");

        cluster.client.command(EngineJson.parse("{\"TYPE\":\"ResetSubagent\",\"subagentId\":\"A\",\"force\":false}").orThrow()).orThrow();

        cluster.await("o1 processed twice", WAIT, () -> cluster.processed("o1").size() == 2);
        assertThat(cluster.processed("o1").get(0).outcome()).isInstanceOfSatisfying(Outcome.Disrupted.class,
                d -> assertThat(d.reason()).isInstanceOf(Outcome.ProcessLost.class));
        assertThat(cluster.processed("o1").get(1).outcome()).isInstanceOf(Outcome.Succeeded.class);
        // The job ran again on A only after A, dedicated anew, had killed the first attempt.
        assertThat(cluster.startsOf("o1")).containsExactly("A", "A");
        assertThat(firstAttempt).noneMatch(SubagentCluster::isRunning);
    }

    @Test
    void resetSubagentOfAnUnknownSubagentIsAProblem() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5), "A"));
        cluster.deploy(null);
        var reset = cluster.client.command(EngineJson.parse("{\"TYPE\":\"ResetSubagent\",\"subagentId\":\"NOPE\",\"force\":false}").orThrow());
        assertThat(reset.isFail()).isTrue();
    }

    @Test
    void anInternalJobRunsInTheDirectorAndIsNotLostWithTheSubagentSelectedForIt() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5), "A"));
        String internal = workflow("internal", "{\"TYPE\":\"Execute.Named\",\"jobName\":\"job\"}",
                "\"job\":{\"agentPath\":\"agent\",\"subagentBundleIdExpr\":" + quote("'A'") + ",\"executable\":{\"TYPE\":\"InternalExecutable\","
                        + "\"className\":\"io.jobwerk.subagent.internal.SleepJob\",\"jobArguments\":{},\"arguments\":{\"millis\":\"600000\"}}}");
        cluster.deploy(null, internal, oneJob("shell", "sleep 600", "'A'"));
        cluster.addOrders("internal", "i1");
        cluster.addOrders("shell", "s1");
        cluster.await("both process on A", WAIT, () -> cluster.startsOf("i1").size() == 1 && !cluster.jobProcesses("A").isEmpty());

        cluster.kill9("A");
        // s1's process was really on A: lost. i1's runs in the Director: not lost, it runs on.
        cluster.await("s1's process lost", WAIT, () -> cluster.processed("s1").size() == 1);
        assertThat(cluster.processed("i1")).isEmpty();

        cluster.client.command(EngineJson.parse("{\"TYPE\":\"CancelOrders\",\"orderIds\":[\"i1\"],"
                + "\"mode\":{\"TYPE\":\"FreshOrStarted\",\"kill\":{\"immediately\":true}}}").orThrow()).orThrow();
        cluster.await("i1 killed", WAIT, () -> cluster.processed("i1").size() == 1);
        assertThat(cluster.processed("i1").get(0).outcome()).isNotInstanceOf(Outcome.Disrupted.class);
        assertThat(cluster.startsOf("i1")).containsExactly("A");
    }
}
