package io.jobwerk.history;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.journal.FileJournal;
import io.jobwerk.journal.Journal;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.journal.JournalConf;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineJournalCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real Controller journal with events written as the Controller writes them (JSON as JS7's). */
final class TestJournal implements AutoCloseable {
    static final String HELLO = """
            {"TYPE":"Workflow","path":"hello","versionId":"1","instructions":[{"TYPE":"Execute.Named","jobName":"greet"}],
             "jobs":{"greet":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo hi"}}}}""";
    static final String FORKING = """
            {"TYPE":"Workflow","path":"forking","versionId":"1","instructions":[{"TYPE":"Fork","branches":[
              {"id":"a","workflow":{"instructions":[{"TYPE":"Execute.Named","jobName":"greet"}]}}]}],
             "jobs":{"greet":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo hi"}}}}""";

    final FileJournal<EngineState> journal;

    TestJournal(Path dir) {
        this(dir, JournalConf.of("Primary").withFsync(false));
    }

    TestJournal(Path dir, JournalConf conf) {
        journal = FileJournal.open(dir, conf, new EngineJournalCodec(), EngineFolder.controller(), Clock.systemUTC(),
                RealScheduler.instance()).orThrow();
    }

    HistoryEventSource source() {
        return new HistoryEventSource() {
            @Override
            public String journalId() {
                return journal.journalId();
            }

            @Override
            public io.jobwerk.engine.base.Checked<List<io.jobwerk.engine.event.Stamped<? extends Event>>> await(long after, int limit, Duration timeout) {
                return journal.await(after, limit, timeout);
            }

            @Override
            public long lastEventId() {
                return journal.lastEventId();
            }

            @Override
            public long oldestKeptAfterEventId() {
                return journal.oldestKeptAfterEventId();
            }

            @Override
            public void release(long untilEventId) {
                journal.release(untilEventId);
            }
        };
    }

    void deploy(String versionId, String... workflows) throws Exception {
        List<KeyedEvent<Event>> events = new ArrayList<>();
        events.add(KeyedEvent.keyless(new ItemEvent.VersionAdded(new io.jobwerk.engine.workflow.VersionId(versionId))));
        for (String json : workflows) {
            Workflow w = EngineJson.parse(json).flatMap(WorkflowJson::decode).orThrow();
            events.add(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(w, Optional.empty())));
        }
        journal.persist(events).get();
    }

    /** Persists order events, each {@code KEY JSON-without-braces}, e.g. {@code o1 "TYPE":"OrderStarted"}. */
    long persist(String... keyAndEvents) throws Exception {
        List<KeyedEvent<Event>> events = new ArrayList<>();
        for (String line : keyAndEvents) {
            int space = line.indexOf(' ');
            Event e = EngineJson.parse("{" + line.substring(space + 1) + "}").flatMap(EventJson::decode).orThrow();
            events.add(KeyedEvent.of(line.substring(0, space), e));
        }
        journal.persist(events).get();
        return journal.lastEventId();
    }

    /** A whole order through one job at Agent {@code agent}, Subagent {@code sub}, printing {@code out} and {@code err}. */
    long runHello(String orderId, String out, String err, int returnCode) throws Exception {
        persist(orderId + " \"TYPE\":\"OrderAdded\",\"workflowId\":{\"path\":\"hello\",\"versionId\":\"1\"}",
                orderId + " \"TYPE\":\"OrderAttachable\",\"agentPath\":\"agent\"",
                orderId + " \"TYPE\":\"OrderAttached\",\"agentPath\":\"agent\"",
                orderId + " \"TYPE\":\"OrderStarted\"",
                orderId + " \"TYPE\":\"OrderProcessingStarted\",\"subagentId\":\"sub\"");
        persist(orderId + " \"TYPE\":\"OrderStdoutWritten\",\"chunk\":" + EngineJson.MAPPER.writeValueAsString(out));
        persist(orderId + " \"TYPE\":\"OrderStderrWritten\",\"chunk\":" + EngineJson.MAPPER.writeValueAsString(err));
        String outcome = returnCode == 0
                ? "{\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}"
                : "{\"TYPE\":\"Failed\",\"namedValues\":{\"returnCode\":" + returnCode + "}}";
        persist(orderId + " \"TYPE\":\"OrderProcessed\",\"outcome\":" + outcome);
        if (returnCode == 0) {
            return persist(orderId + " \"TYPE\":\"OrderMoved\",\"to\":[1]",
                    orderId + " \"TYPE\":\"OrderDetachable\"",
                    orderId + " \"TYPE\":\"OrderDetached\"",
                    orderId + " \"TYPE\":\"OrderFinished\"");
        }
        return persist(orderId + " \"TYPE\":\"OrderDetachable\"",
                orderId + " \"TYPE\":\"OrderDetached\"",
                orderId + " \"TYPE\":\"OrderFailed\",\"movedTo\":[0]");
    }

    @Override
    public void close() {
        journal.close();
    }
}
