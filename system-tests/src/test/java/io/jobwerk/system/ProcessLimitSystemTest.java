package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Agent keeper's JobQueue bookkeeping keeps a job's processLimit across rounds. */
class ProcessLimitSystemTest {

    @TempDir
    Path data;

    @Test
    void jobProcessLimitHoldsAndAllOrdersFinish() throws Exception {
        try (InProcessSystem system = InProcessSystem.start(data)) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            system.standalone().agent().keeper().addListener((events, state) -> {
                for (Stamped<? extends Event> s : events) {
                    if (s.keyedEvent().event() instanceof OrderEvent.OrderProcessingStarted) {
                        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    } else if (s.keyedEvent().event() instanceof OrderEvent.OrderProcessed) {
                        running.decrementAndGet();
                    }
                }
            });
            system.deployWorkflows("1", """
                    {"TYPE": "Workflow", "path": "limited", "versionId": "1",
                     "instructions": [{"TYPE": "Execute.Named", "jobName": "JOB"}],
                     "jobs": {"JOB": {"agentPath": "agent", "processLimit": 2, "executable": {"TYPE": "InternalExecutable",
                       "className": "io.jobwerk.subagent.internal.SleepJob", "arguments": {"millis": "100"}}}}}
                    """);
            for (int i = 0; i < 7; i++) {
                system.addOrder(FreshOrder.of("limited-" + i, "limited"));
            }
            for (int i = 0; i < 7; i++) {
                system.awaitEvent("limited-" + i, e -> e instanceof OrderEvent.OrderFinished, 30_000);
            }
            assertThat(maxRunning.get()).isEqualTo(2);
        }
    }
}
