package io.jobwerk.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.testing.CloseAfterEach;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Controller with its Agent Director on memory journals in virtual time: HTTP and job processes
 * are real, every delay (retry delays, the driver's reconnection back-off) passes when the test
 * advances the clock, so nothing waits for it.
 */
class ControllerWithAgentVirtualTimeTest {

    private static final String COMMANDS_THREAD = "agent-driver-agent-commands";
    private static final String EVENTS_THREAD = "agent-driver-agent-events";

    @RegisterExtension final CloseAfterEach closing = new CloseAfterEach();
    @TempDir Path data;

    private static final String JOB_WORKFLOW = """
            {"TYPE":"Workflow","path":"job","versionId":"1","instructions":[
              {"TYPE":"Execute.Named","jobName":"echo"}],
             "jobs":{"echo":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo hello"}}}}""";

    private static final String RETRY_WORKFLOW = """
            {"TYPE":"Workflow","path":"retry","versionId":"1","instructions":[
              {"TYPE":"Try","try":{"instructions":[{"TYPE":"Execute.Named","jobName":"fail"}]},
               "catch":{"instructions":[{"TYPE":"Retry"}]},"retryDelays":[600],"maxTries":2}],
             "jobs":{"fail":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"exit 1"}}}}""";

    private void addOrder(VirtualTimeSystem system, String orderId, String workflow) {
        system.execute(new Command.AddOrder(FreshOrder.of(orderId, workflow))).orThrow();
    }

    @Test
    void anOrderRunsThroughAJobOnTheAgentWithJs7sEventSequence() {
        VirtualTimeSystem system = closing.add(VirtualTimeSystem.start(data));
        system.deploy("1", JOB_WORKFLOW);
        addOrder(system, "ORDER", "job");
        system.awaitEvent("ORDER", "OrderFinished");
        assertThat(system.eventNames("ORDER")).containsExactly("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
                "OrderProcessingStarted", "OrderStdoutWritten", "OrderProcessed", "OrderMoved", "OrderDetachable", "OrderDetached",
                "OrderFinished");
        assertThat(system.scheduler.elapsed()).as("no time had to pass").isZero();
    }

    @Test
    void aRetryWaitsItsDelayOnTheAgentInVirtualTime() {
        VirtualTimeSystem system = closing.add(VirtualTimeSystem.start(data));
        system.deploy("1", RETRY_WORKFLOW);
        addOrder(system, "ORDER", "retry");
        system.awaitEvent("ORDER", "OrderRetrying");
        system.scheduler.advance(Duration.ofSeconds(599));
        system.scheduler.runUntilIdle();
        assertThat(processStarts(system)).as("not started again before the delay").isEqualTo(1);

        system.scheduler.advance(Duration.ofSeconds(1));
        system.awaitEvent("ORDER", "OrderFailed");
        assertThat(processStarts(system)).isEqualTo(2);
        assertThat(system.eventNames("ORDER")).containsExactly("OrderAdded", "OrderMoved", "OrderAttachable", "OrderAttached",
                "OrderStarted", "OrderProcessingStarted", "OrderProcessed", "OrderCaught", "OrderRetrying", "OrderAwoke", "OrderMoved",
                "OrderProcessingStarted", "OrderProcessed", "OrderDetachable", "OrderDetached", "OrderFailed");
        assertThat(system.scheduler.elapsed()).isEqualTo(Duration.ofSeconds(600));
    }

    private static long processStarts(VirtualTimeSystem system) {
        return system.eventNames("ORDER").stream().filter("OrderProcessingStarted"::equals).count();
    }

    @Test
    void anOrderAddedWhileTheAgentIsAwayRunsWhenTheDriverHasReconnected() throws InterruptedException {
        VirtualTimeSystem system = closing.add(VirtualTimeSystem.start(data));
        system.deploy("1", JOB_WORKFLOW);
        system.runUntil("the Agent is coupled", system::agentCoupled);
        system.stopAgent();
        system.runUntil("the Controller sees the Agent lost", () -> !system.agentCoupled());

        addOrder(system, "ORDER", "job");
        List<Long> commandDelays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Duration delay = system.scheduler.awaitSleep(COMMANDS_THREAD);
            commandDelays.add(delay.toMillis());
            system.scheduler.advance(delay);
        }
        assertThat(commandDelays).as("the AttachOrder is sent again after growing delays")
                .containsExactly(200L, 500L, 1000L, 2000L, 3000L, 3000L);
        assertThat(system.eventNames("ORDER")).as("nothing reaches an absent Agent").containsExactly("OrderAdded", "OrderAttachable");

        // Both loops asleep, so none is half-way through a failing attempt when the Agent is back.
        system.scheduler.awaitSleep(COMMANDS_THREAD);
        system.scheduler.awaitSleep(EVENTS_THREAD);
        system.restartAgent();
        system.scheduler.advance(AgentDriver.RETRY_DELAYS.delay(Integer.MAX_VALUE));
        system.awaitEvent("ORDER", "OrderFinished");
        assertThat(system.agentCoupled()).isTrue();
        assertThat(system.eventNames("ORDER")).containsExactly("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
                "OrderProcessingStarted", "OrderStdoutWritten", "OrderProcessed", "OrderMoved", "OrderDetachable", "OrderDetached",
                "OrderFinished");
    }
}
