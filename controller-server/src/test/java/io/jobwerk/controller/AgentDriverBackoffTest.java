package io.jobwerk.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.MemoryJournal;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.VirtualScheduler;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AgentDriver's reconnection to an Agent that is not there, in virtual time: no real waiting. */
class AgentDriverBackoffTest {

    private static final AgentPath AGENT = new AgentPath("A");

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private Journal<EngineState> journal;
    private EngineKeeper keeper;
    private AgentDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        if (keeper != null) {
            keeper.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    @Test
    void anAbsentAgentIsTriedAgainAfterGrowingDelaysAndItsFailureJournaledOnce() throws Exception {
        journal = new MemoryJournal<>(EngineFolder.controller(), scheduler.clock());
        keeper = new EngineKeeper(journal, Placement.CONTROLLER, MotorEnvironment.DEFAULT, scheduler, Optional.empty()).start();
        driver = new AgentDriver(AGENT, "http://127.0.0.1:" + portWithoutListener(), keeper, "controller", "pw", scheduler).start();

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Duration delay = scheduler.awaitSleep("agent-driver-A-events");
            delays.add(delay.toMillis());
            scheduler.advance(delay);
        }

        assertThat(delays).containsExactly(200L, 500L, 1000L, 2000L, 3000L, 3000L, 3000L);
        assertThat(scheduler.elapsed()).isEqualTo(Duration.ofMillis(12_700));
        long couplingFailures = journal.read(0, 1000).orThrow().stream()
                .filter(s -> s.keyedEvent().event() instanceof SystemEvent.AgentCouplingFailed).count();
        assertThat(couplingFailures).as("the same problem again and again is journaled once").isEqualTo(1);
        assertThat(keeper.state().coupling("Agent:" + AGENT)).hasValueSatisfying(c -> assertThat(c.isCoupled()).isFalse());
    }

    @Test
    void backoffDelaysAreTheDocumentedOnes() {
        assertThat(List.of(0, 1, 2, 3, 4, 9).stream().map(n -> AgentDriver.RETRY_DELAYS.delay(n).toMillis()).toList())
                .containsExactly(200L, 500L, 1000L, 2000L, 3000L, 3000L);
    }

    private static int portWithoutListener() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
