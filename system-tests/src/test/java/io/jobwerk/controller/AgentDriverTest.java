package io.jobwerk.controller;

import io.jobwerk.testing.FailingOnceCodec;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.JournalCodec;
import io.jobwerk.journal.JournalConf;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineJournalCodec;
import io.jobwerk.runtime.EngineKeeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Controller's AgentDriver against a real Agent Director on loopback. */
class AgentDriverTest {

    static final AgentPath AGENT = new AgentPath("agent");
    static final OrderId ORDER = new OrderId("ORDER");

    @TempDir Path dir;


    @Test
    void anAgentEventWhoseMirrorFailedToPersistIsReadAgainAndNoLaterOneSkipsIt() throws Exception {
        Users users = new Users(List.of(new UserAccount("controller", PasswordHash.parse("plain:pw").orThrow(), Set.of(Permission.Super))));
        FailingOnceCodec<EngineState> codec = new FailingOnceCodec<>(new EngineJournalCodec(), OrderEvent.OrderProcessingStarted.class, true);
        Clock clock = Clock.systemUTC();
        try (AgentDirector agent = AgentDirector.start(new AgentConf(AGENT, new SubagentId("agent-1"), dir.resolve("agent"),
                WebServerConf.loopback(0), users, "test", Duration.ofSeconds(1), false));
             Journal<EngineState> journal = Journal.open(dir.resolve("controller"), JournalConf.of("Controller:test").withFsync(false),
                     codec, EngineFolder.controller(), clock).orThrow()) {
            String agentUri = "http://127.0.0.1:" + agent.port();
            EngineKeeper keeper = new EngineKeeper(journal, Placement.CONTROLLER, MotorEnvironment.DEFAULT, io.jobwerk.scheduler.RealScheduler.instance(), Optional.empty()).start();
            AgentDriver[] driver = new AgentDriver[1];
            keeper.addListener((events, state) -> {
                if (driver[0] != null) {
                    driver[0].touch(ORDER); // as the Controller does after attach, detach and mark events
                }
            });
            try {
                var operations = ItemOperationJson.decodeNdjson(
                        "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"AgentRef\",\"path\":\"agent\",\"directors\":[\"agent-1\"]}}\n"
                        + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"SubagentItem\",\"id\":\"agent-1\",\"agentPath\":\"agent\",\"uri\":\"" + agentUri + "\"}}\n"
                        + "{\"TYPE\":\"AddVersion\",\"versionId\":\"1\"}\n"
                        + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\","
                        + "\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"job\"}],\"jobs\":{\"job\":{\"agentPath\":\"agent\","
                        + "\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"echo hello; sleep 0.3; echo world\"}}}}}\n").orThrow();
                keeper.transact(state -> ItemOperationExecutor.execute(state, operations, ItemJson::decodeSignedWorkflow)
                        .map(events -> Decision.of(events, Boolean.TRUE))).get(30, TimeUnit.SECONDS).orThrow();
                keeper.execute(CommandJson.decode(EngineJson.parse("{\"TYPE\":\"AddOrder\",\"order\":{\"id\":\"ORDER\",\"workflowPath\":\"W\"}}")
                        .orThrow()).orThrow()).get(30, TimeUnit.SECONDS).orThrow();
                driver[0] = new AgentDriver(AGENT, agentUri, keeper, "controller", "pw", io.jobwerk.scheduler.RealScheduler.instance()).start();

                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!isFinished(keeper.state().orders().get(ORDER))) {
                    assertThat(System.nanoTime()).as("the order finishes at the Controller").isLessThan(deadline);
                    Thread.sleep(20);
                }
                assertThat(codec.isArmed()).as("the failing persist happened").isFalse();
                List<String> orderEvents = journal.read(0, Integer.MAX_VALUE).orThrow().stream()
                        .filter(s -> s.keyedEvent().key().equals(Optional.of("ORDER")))
                        .map(s -> s.keyedEvent().event().typeName()).toList();
                assertThat(orderEvents).containsSubsequence("OrderProcessingStarted", "OrderStdoutWritten", "OrderStdoutWritten",
                        "OrderProcessed", "OrderMoved", "OrderDetachable", "OrderDetached", "OrderFinished");
                assertThat(orderEvents.stream().filter(e -> e.equals("OrderProcessingStarted"))).hasSize(1);
            } finally {
                if (driver[0] != null) {
                    driver[0].close();
                }
                keeper.close();
            }
        }
    }

    private static boolean isFinished(Order order) {
        return order != null && order.isState(OrderState.Kind.FINISHED);
    }
}
