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
import io.jobwerk.journal.JournalConf;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineJournalCodec;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.VirtualScheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's shell carrying out the coupling table's torn-stream row against a scripted Subagent,
 * in virtual time: the Subagent's event stream is torn once; the driver records the loss, dedicates
 * the Subagent anew ({@code -lost-} run id) and, having forgotten its run, takes over as after a
 * Director restart: it reads on after the event the Subagent kept its processes' events from.
 */
class RemoteSubagentDriverTornStreamTest {

    private static final AgentPath AGENT = new AgentPath("agent");
    private static final SubagentId SUBAGENT = new SubagentId("B");

    @TempDir Path dir;
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<String> couplings = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<String> eventReadsAfter = new LinkedBlockingQueue<>();
    private HttpServer subagent;
    private Journal<EngineState> journal;
    private EngineKeeper keeper;
    private RemoteSubagentDriver driver;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void aTornStreamLosesTheProcessesDedicatesAnewAndTakesOverFromWhatTheSubagentKept() throws Exception {
        startScriptedSubagent();
        journal = closing.add(Journal.open(dir, JournalConf.of("test").withFsync(false), new EngineJournalCodec(), EngineFolder.agent(),
                scheduler.clock()).orThrow());
        keeper = closing.add(new EngineKeeper(journal, Placement.agent(AGENT), MotorEnvironment.DEFAULT, scheduler, Optional.empty()).start());
        Item.SubagentItem item = new Item.SubagentItem(SUBAGENT, AGENT, "http://127.0.0.1:" + subagent.getAddress().getPort(), false);
        driver = closing.add(new RemoteSubagentDriver(item, "director", "pw", "director-run", keeper, orderId -> false, scheduler).start());

        assertThat(nextEventRead()).as("the first read, torn").isEqualTo("0");
        assertThat(nextEventRead()).as("after the new coupling: from where the Subagent kept events").isEqualTo("3");

        assertThat(couplings).hasSizeGreaterThanOrEqualTo(2);
        assertThat(couplings.get(0)).isEqualTo("director-run");
        assertThat(couplings.get(1)).startsWith("director-run-lost-");
        assertThat(driver.isAvailable()).isTrue();
        assertThat(journal.read(0, 1000).orThrow().stream().map(s -> s.keyedEvent().event())
                .filter(e -> e instanceof SystemEvent.SubagentCoupled).count()).isEqualTo(2);
    }

    private String nextEventRead() throws InterruptedException {
        String after = eventReadsAfter.poll(VirtualScheduler.REAL_WAIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(after).as("an event read within the guard time").isNotNull();
        return after;
    }

    /**
     * Couples each CoupleDirector (the Subagent's run S1; from the second on, its events up to 7, those of
     * the processes it kept after event 3: continuing the stream would read after 0, taking over after 3),
     * tears the first event read, and answers every later one after a short real pause with no events.
     */
    private void startScriptedSubagent() throws IOException {
        subagent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subagent.createContext("/subagent/api/session", exchange -> respond(exchange, 200, "{\"sessionToken\":\"token\"}"));
        subagent.createContext("/subagent/api", exchange -> respond(exchange, 200, "{\"processCount\":0}"));
        subagent.createContext("/subagent/api/command", exchange -> {
            JsonNode command = EngineJson.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).orThrow();
            if (command.path("TYPE").asText().equals("CoupleDirector")) {
                couplings.add(command.path("directorRunId").asText());
                boolean first = couplings.size() == 1;
                respond(exchange, 200, "{\"TYPE\":\"DirectorCoupled\",\"subagentRunId\":\"S1\",\"directorTimeout\":30,"
                        + "\"lastEventId\":" + (first ? 0 : 7) + ",\"continued\":true,\"keptAfterEventId\":" + (first ? 0 : 3)
                        + ",\"processes\":[]}");
            } else {
                respond(exchange, 200, "{\"TYPE\":\"Accepted\"}");
            }
        });
        subagent.createContext("/subagent/api/event", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String after = query.replaceAll(".*after=([0-9]+).*", "$1");
            boolean first = eventReadsAfter.isEmpty() && couplings.size() == 1;
            eventReadsAfter.add(after);
            if (first) {
                respond(exchange, 400, "{\"TYPE\":\"Problem\",\"code\":\"EventSeqTorn\",\"message\":\"torn\"}");
            } else {
                try {
                    Thread.sleep(20); // a long poll without events, shortened: the driver reads again at once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "");
            }
        });
        subagent.start();
        closing.add(() -> subagent.stop(0));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
