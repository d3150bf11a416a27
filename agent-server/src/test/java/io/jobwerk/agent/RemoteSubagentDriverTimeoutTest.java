package io.jobwerk.agent;

import io.jobwerk.testing.CloseAfterEach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.MemoryJournal;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.VirtualScheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Director's side of the director timeout, in virtual time: a Subagent that answers but refuses
 * to couple (HTTP 503) is lost only once it has failed for longer than the director timeout and a
 * second (it may have killed this Director's processes by then); the driver then dedicates it anew.
 */
class RemoteSubagentDriverTimeoutTest {

    private static final AgentPath AGENT = new AgentPath("agent");
    private static final SubagentId SUBAGENT = new SubagentId("B");

    private record Coupling(Duration at, String directorRunId) {}

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<Coupling> couplings = new CopyOnWriteArrayList<>();
    private HttpServer subagent;
    private Journal<EngineState> journal;
    private EngineKeeper keeper;
    private RemoteSubagentDriver driver;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void aSubagentFailingLongerThanTheDirectorTimeoutIsLostAndDedicatedAnew() throws Exception {
        startRefusingSubagent();
        journal = closing.add(new MemoryJournal<>(EngineFolder.agent(), scheduler.clock()));
        keeper = closing.add(new EngineKeeper(journal, Placement.agent(AGENT), MotorEnvironment.DEFAULT, scheduler, Optional.empty()).start());
        Item.SubagentItem item = new Item.SubagentItem(SUBAGENT, AGENT, "http://127.0.0.1:" + subagent.getAddress().getPort(), false);
        driver = closing.add(new RemoteSubagentDriver(item, "director", "pw", "director-run", keeper, orderId -> false, scheduler).start());

        while (scheduler.elapsed().compareTo(Duration.ofSeconds(45)) < 0) {
            scheduler.advance(scheduler.awaitSleep("subagent-driver-B-events"));
        }

        // Attempts at 0, 0.5, 1.5, 3.5, 8.5, 13.5 … 28.5 s (the default director timeout is 30 s): the loss
        // is decided by the failure at 33.5 s, the first after 31 s; the next coupling is with a new run id.
        assertThat(couplings).filteredOn(c -> c.at().compareTo(Duration.ofMillis(33_500)) <= 0)
                .extracting(Coupling::directorRunId).containsOnly("director-run").hasSize(10);
        assertThat(couplings).filteredOn(c -> c.at().compareTo(Duration.ofMillis(33_500)) > 0)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.directorRunId()).startsWith("director-run-lost-"));
        long couplingFailures = journal.read(0, 1000).orThrow().stream()
                .filter(s -> s.keyedEvent().event() instanceof SystemEvent.SubagentCouplingFailed).count();
        assertThat(couplingFailures).isEqualTo(1);
    }

    @Test
    void reconnectDelaysGrowToFiveSeconds() {
        assertThat(List.of(0, 1, 2, 3, 8).stream().map(n -> RemoteSubagentDriver.RECONNECT_DELAYS.delay(n).toMillis()).toList())
                .containsExactly(500L, 1000L, 2000L, 5000L, 5000L);
    }

    /** Logs in, records each CoupleDirector with the virtual time, and answers it with 503. */
    private void startRefusingSubagent() throws IOException {
        subagent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subagent.createContext("/subagent/api/session", exchange -> respond(exchange, 200, "{\"sessionToken\":\"token\"}"));
        subagent.createContext("/subagent/api/command", exchange -> {
            JsonNode command = EngineJson.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).orThrow();
            if (command.path("TYPE").asText().equals("CoupleDirector")) {
                couplings.add(new Coupling(scheduler.elapsed(), command.path("directorRunId").asText()));
            }
            respond(exchange, 503, "busy");
        });
        subagent.start();
        closing.add(() -> subagent.stop(0));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
