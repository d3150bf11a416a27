package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.KeyedEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Opens test journals and builds test events. */
final class TestJournals {
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    private TestJournals() {
    }

    static Checked<Journal<TestState>> open(Path dir, JournalConf conf) {
        return Journal.open(dir, conf, TestCodec.INSTANCE, TestState.FOLDER, FIXED);
    }

    static Journal<TestState> openOrThrow(Path dir, JournalConf conf) {
        return open(dir, conf).orThrow();
    }

    /** One transaction of {@code parts} increments of counter {@code key}. */
    static List<KeyedEvent<TestEvent>> increments(String key, String txn, int parts) {
        List<KeyedEvent<TestEvent>> events = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            events.add(KeyedEvent.of(key, new TestEvent.Incremented(1, txn, i, parts)));
        }
        return events;
    }
}
