package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forks in the shapes users write — after a job, so the parent forks at the Agent — through the real
 * standalone system: each order finishes at once, and the Agent keeps no order after its parent ended.
 * (A fork after a job hung: its children were Ready at a job on the Agent but never looked at.)
 */
class ForkCombinationsSystemTest {

    @TempDir
    static Path data;
    static InProcessSystem system;

    private static final String JOB = "{\"TYPE\": \"Execute.Anonymous\", \"job\": {\"agentPath\": \"agent\","
            + " \"executable\": {\"TYPE\": \"ShellScriptExecutable\", \"script\": \"exit 0\"}}}";
    private static final String FORK = "{\"TYPE\": \"Fork\", \"branches\": ["
            + "{\"id\": \"A\", \"workflow\": {\"instructions\": [" + JOB + "]}},"
            + "{\"id\": \"B\", \"workflow\": {\"instructions\": [" + JOB + "]}}]}";
    private static final String FORK_LIST = "{\"TYPE\": \"ForkList\", \"children\": \"[ 'x', 'y', 'z' ]\","
            + " \"childToId\": \"(x) => $x\", \"workflow\": {\"instructions\": [" + JOB + "]}}";

    private static final Map<String, String> SHAPES = Map.of(
            "job-fork-job", JOB + "," + FORK + "," + JOB,
            "job-forklist-job", JOB + "," + FORK_LIST + "," + JOB,
            "job-try-fork", JOB + ",{\"TYPE\": \"Try\", \"try\": {\"instructions\": [" + FORK + "]}, \"catch\": {\"instructions\": []}}",
            "job-if-fork", JOB + ",{\"TYPE\": \"If\", \"predicate\": \"true\", \"then\": {\"instructions\": [" + FORK + "]}}",
            "job-lock-fork", JOB + ",{\"TYPE\": \"Lock\", \"demands\": [{\"lockPath\": \"LOCK\"}], \"lockedWorkflow\": {\"instructions\": [" + FORK + "]}}",
            "job-forklist-fork", JOB + ",{\"TYPE\": \"ForkList\", \"children\": \"[ 'x', 'y' ]\", \"childToId\": \"(x) => $x\","
                    + " \"workflow\": {\"instructions\": [" + FORK + "]}}",
            "job-options-fork", JOB + ",{\"TYPE\": \"Options\", \"stopOnFailure\": true, \"block\": {\"instructions\": [" + FORK + "]}}");

    @BeforeAll
    static void start() throws Exception {
        system = InProcessSystem.start(data);
        system.deployItems("{\"TYPE\": \"Lock\", \"path\": \"LOCK\", \"limit\": 1}");
        system.deployWorkflows("1", SHAPES.entrySet().stream()
                .map(e -> "{\"TYPE\": \"Workflow\", \"path\": \"" + e.getKey() + "\", \"versionId\": \"1\", \"instructions\": [" + e.getValue() + "]}")
                .toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-fork-job", "job-forklist-job", "job-try-fork", "job-if-fork", "job-lock-fork", "job-forklist-fork",
            "job-options-fork"})
    void aForkAfterAJobFinishesAndLeavesNoOrderAtTheAgent(String workflow) throws Exception {
        String orderId = "order-" + workflow;
        system.addOrder(FreshOrder.of(orderId, workflow, Map.of()));
        system.awaitEvent(orderId, e -> e instanceof OrderEvent.OrderFinished || e instanceof OrderEvent.OrderFailed, 10_000);
        assertThat(system.eventNames(orderId)).endsWith("OrderFinished");
        assertThat(system.awaitAgentWithoutOrdersOf(orderId, Duration.ofSeconds(5)))
                .as("orders of %s left at the Agent", orderId).isEmpty();
    }
}
