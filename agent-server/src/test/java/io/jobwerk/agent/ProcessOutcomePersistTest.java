package io.jobwerk.agent;

import io.jobwerk.testing.FailingOnceCodec;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.protocol.AgentCommandJson;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.JournalCodec;
import io.jobwerk.journal.JournalConf;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineJournalCodec;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.subagent.SubagentConf;
import io.jobwerk.subagent.SubagentServer;
import io.jobwerk.subagent.internal.InternalJobRunner;
import io.jobwerk.subagent.process.JobLaunch;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.ProcessConf;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process outcome whose first persist fails is persisted later, never dropped: from the
 * integrated Subagent and from a real Subagent server on loopback.
 */
class ProcessOutcomePersistTest {

    static final AgentPath AGENT = new AgentPath("agent");
    static final OrderId ORDER = new OrderId("ORDER");

    @TempDir Path dir;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final FailingOnceCodec<EngineState> codec = new FailingOnceCodec<>(new EngineJournalCodec(), OrderEvent.OrderProcessed.class);
    private EngineKeeper keeper;


    @BeforeEach
    void startKeeper() throws Exception {
        Clock clock = Clock.systemUTC();
        Journal<EngineState> journal = Journal.open(dir.resolve("journal"), JournalConf.of("test").withFsync(false), codec,
                EngineFolder.agent(), clock).orThrow();
        closeables.add(journal);
        keeper = new EngineKeeper(journal, Placement.agent(AGENT), MotorEnvironment.DEFAULT, io.jobwerk.scheduler.RealScheduler.instance(), Optional.empty()).start();
        closeables.add(0, keeper);
        var attach = AgentCommandJson.decode(EngineJson.parse("{\"TYPE\":\"Batch\",\"commands\":["
                + "{\"TYPE\":\"AttachSignedItem\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\","
                + "\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"job\"}],\"jobs\":{\"job\":{\"agentPath\":\"agent\","
                + "\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"echo hello\"}}}}},"
                + "{\"TYPE\":\"AttachOrder\",\"order\":{\"id\":\"ORDER\",\"workflowPosition\":{\"workflowId\":{\"path\":\"W\",\"versionId\":\"1\"},"
                + "\"position\":[0]},\"state\":{\"TYPE\":\"Ready\"},\"attachedState\":{\"TYPE\":\"Attaching\",\"agentPath\":\"agent\"}}}]}").orThrow()).orThrow();
        keeper.transact(state -> new AgentCommandExecutor(AGENT).execute(state, attach)).get(30, TimeUnit.SECONDS).orThrow();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private void processingOn(SubagentId subagentId) throws Exception {
        keeper.emit(List.of(KeyedEvent.of(ORDER, new OrderEvent.OrderProcessingStarted(subagentId, false)))).get(30, TimeUnit.SECONDS).orThrow();
        codec.arm();
    }

    private static JobLaunch launch(String taskId) {
        return new JobLaunch(taskId, Executable.ShellScript.of("echo hello"), List.of(), Map.of(), Duration.ofSeconds(1), Optional.empty(), false);
    }

    private void awaitProcessedOnce() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Order order = keeper.state().orders().get(ORDER);
            if (order == null || !order.isState(OrderState.Kind.PROCESSING)) {
                break;
            }
            assertThat(System.nanoTime()).as("the order is processed").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(codec.isArmed()).as("the failing persist happened").isFalse();
        List<Outcome> outcomes = keeper.journal().read(0, Integer.MAX_VALUE).orThrow().stream()
                .map(s -> s.keyedEvent().event()).filter(OrderEvent.OrderProcessed.class::isInstance)
                .map(e -> ((OrderEvent.OrderProcessed) e).outcome()).toList();
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void anOutcomeOfTheIntegratedSubagentIsPersistedAfterAFailedPersist() throws Exception {
        JobProcessRunner runner = new JobProcessRunner(ProcessConf.of(dir.resolve("local")));
        InternalJobRunner internal = new InternalJobRunner(1, 4096, getClass().getClassLoader());
        LocalSubagent local = new LocalSubagent(new SubagentId("agent-1"), runner, internal, keeper, RealScheduler.instance());
        closeables.add(0, runner);
        closeables.add(0, internal);
        closeables.add(0, local);
        processingOn(new SubagentId("agent-1"));
        local.start(ORDER, launch("task-1"));
        awaitProcessedOnce();
    }

    @Test
    void anOutcomeOfARemoteSubagentIsReadAgainAfterAFailedPersist() throws Exception {
        Users users = new Users(List.of(new UserAccount("director", PasswordHash.parse("plain:pw").orThrow(), Set.of(Permission.Super))));
        // The re-read waits for the running event long-poll to end, a third of the director timeout (at most 10 s):
        // 6 s makes that 2 s, and is still far longer than the Director ever stays silent here.
        SubagentServer subagent = SubagentServer.start(new SubagentConf(dir.resolve("subagent"), WebServerConf.loopback(0), users,
                Duration.ofSeconds(6), 100));
        closeables.add(0, subagent);
        SubagentId a = new SubagentId("A");
        RemoteSubagentDriver driver = new RemoteSubagentDriver(new Item.SubagentItem(a, AGENT, "http://127.0.0.1:" + subagent.port(), false),
                "director", "pw", "director-run", keeper, orderId -> false, RealScheduler.instance()).start();
        closeables.add(0, driver);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!driver.isAvailable()) {
            assertThat(System.nanoTime()).as("coupled").isLessThan(deadline);
            Thread.sleep(20);
        }
        processingOn(a);
        driver.start(ORDER, launch("task-1"));
        awaitProcessedOnce();
    }
}
