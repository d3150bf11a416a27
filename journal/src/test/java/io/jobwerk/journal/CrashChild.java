package io.jobwerk.journal;

import io.jobwerk.engine.event.Stamped;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Child JVM of {@link JournalCrashTest}: persists continuously from several threads and prints
 * {@code ACK <eventId>} for every event whose persist has completed, until it is killed.
 */
public final class CrashChild {
    static final JournalConf CONF = JournalConf.of("Primary")
            .withSegmentBytes(32 * 1024)
            .withCheckpoint(700, Duration.ofSeconds(60))
            .withMemoryEvents(1000);

    private CrashChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        Journal<TestState> journal = Journal.open(dir, CONF, TestCodec.INSTANCE, TestState.FOLDER, Clock.systemUTC()).orThrow();
        String run = Long.toString(ProcessHandle.current().pid());
        out.println("READY " + journal.lastEventId());
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; ; i++) {
                    int parts = 1 + i % 3;
                    List<Stamped<TestEvent>> done = journal.persist(
                            TestJournals.increments("T" + thread, run + "-" + thread + "-" + i, parts)).join();
                    StringBuilder sb = new StringBuilder();
                    for (Stamped<TestEvent> s : done) {
                        sb.append("ACK ").append(s.eventId()).append('\n');
                    }
                    synchronized (out) {
                        out.print(sb);
                        out.flush();
                    }
                }
            });
            writer.start();
        }
    }
}
