package io.jobwerk.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a persisting child JVM with SIGKILL at random moments and proves after each kill that every
 * acknowledged event was recovered, that no transaction appears partially, that recovery never
 * fails and that event ids strictly increase. After every second kill a torn write is simulated
 * by appending random bytes to the newest segment.
 */
class JournalCrashTest {
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventSurvivesSigkill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<Long> acknowledged = new HashSet<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File stderr = dir.resolve("child-stderr.txt").toFile();
        Path journalDir = dir.resolve("journal");
        int recoveredTotal = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), journalDir.toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderr))
                    .start();
            CountDownLatch ready = new CountDownLatch(1);
            List<Long> acks = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("READY")) {
                            ready.countDown();
                        } else if (line.startsWith("ACK ")) {
                            acks.add(Long.parseLong(line.substring(4)));
                        }
                    }
                } catch (Exception e) {
                    // the pipe breaks when the child dies: the lines read so far are complete
                }
            });
            reader.start();
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started (seed %d, run %d)", seed, kill).isTrue();
            Thread.sleep(100 + random.nextInt(300));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join();
            acknowledged.addAll(acks);
            if (kill % 2 == 1) {
                // SIGKILL leaves whole write() calls in the page cache; a power loss can leave a partial
                // one: simulate that with random bytes after the last write (never acknowledged data)
                List<Segment> segments = Segment.list(journalDir);
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                Files.write(segments.get(segments.size() - 1).path(), garbage, StandardOpenOption.APPEND);
            }

            Checked<Journal<TestState>> opened = Journal.open(journalDir, CrashChild.CONF.withCheckpointOnClose(false),
                    TestCodec.INSTANCE, TestState.FOLDER, TestJournals.FIXED);
            assertThat(opened.problemOption()).as("recovery after kill %d (seed %d)", kill, seed).isEmpty();
            try (Journal<TestState> journal = opened.orThrow()) {
                List<Stamped<? extends Event>> events = journal.read(0, Integer.MAX_VALUE).orThrow();
                assertStrictlyIncreasing(events);
                assertTransactionsWhole(events);
                Set<Long> ids = new HashSet<>();
                events.forEach(e -> ids.add(e.eventId()));
                // a set difference: AssertJ's containsAll compares element by element, 20,000 x 20,000 per kill
                Set<Long> lost = new HashSet<>(acknowledged);
                lost.removeAll(ids);
                assertThat(lost).as("acknowledged events lost after kill %d (seed %d)", kill, seed).isEmpty();
                assertThat(journal.currentState().eventCount()).isEqualTo(events.size());
                assertThat(journal.currentState().counters().values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(events.size());
                recoveredTotal = events.size();
            }
        }
        assertThat(acknowledged).as("the child made progress").hasSizeGreaterThan(KILLS);
        System.out.printf("JournalCrashTest: %d kills, %d acknowledged, %d recovered events (seed %d)%n",
                KILLS, acknowledged.size(), recoveredTotal, seed);
    }

    private static void assertStrictlyIncreasing(List<Stamped<? extends Event>> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).eventId()).isGreaterThan(events.get(i - 1).eventId());
        }
    }

    private static void assertTransactionsWhole(List<Stamped<? extends Event>> events) {
        Map<String, List<TestEvent.Incremented>> byTxn = new HashMap<>();
        for (Stamped<? extends Event> e : events) {
            TestEvent.Incremented inc = (TestEvent.Incremented) e.keyedEvent().event();
            byTxn.computeIfAbsent(inc.txn(), k -> new ArrayList<>()).add(inc);
        }
        byTxn.forEach((txn, parts) -> {
            assertThat(parts).as("transaction %s", txn).hasSize(parts.get(0).parts());
            for (int i = 0; i < parts.size(); i++) {
                assertThat(parts.get(i).part()).isEqualTo(i);
            }
        });
    }
}
