package io.jobwerk.history;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.journal.JournalConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import io.jobwerk.scheduler.RealScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Benchmarks of the history (a test-scoped main; {@code bench/history/run.sh}):
 * <ul>
 *   <li>{@code ingest ORDERS [jdbc-url]}: ORDERS one-job orders (12 events each, with stdout and
 *       stderr) written to a real journal first, then the service started: events stored per second;</li>
 *   <li>{@code query ROWS [QUERIES]}: ROWS task rows (100 jobs, 10 Agents, one month) inserted, then
 *       filtered, paged task queries as the HTTP route makes them: p50, p95, max.</li>
 * </ul>
 * SQLite in a temporary directory unless a PostgreSQL URL is given (user from $JOBWERK_HISTORY_DB_USER).
 */
public final class HistoryBench {
    private HistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("history-bench");
        try {
            switch (args.length == 0 ? "" : args[0]) {
                case "ingest" -> ingest(dir, Integer.parseInt(args[1]), conf(dir, args, 2));
                case "query" -> query(dir, Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 500, conf(dir, args, 3));
                default -> System.err.println("usage: ingest ORDERS [jdbc-url] | query ROWS [QUERIES [jdbc-url]]");
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static HistoryConf conf(Path dir, String[] args, int i) {
        return args.length > i ? HistoryConf.postgres(args[i], Optional.empty(), System.getenv()).orThrow() : HistoryConf.sqlite(dir);
    }

    private static void ingest(Path dir, int orders, HistoryConf conf) throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"), JournalConf.of("Primary").withFsync(false))) {
            journal.deploy("1", TestJournal.HELLO);
            long t0 = System.nanoTime();
            List<KeyedEvent<Event>> events = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String id = "order-" + i;
                for (String e : List.of("\"TYPE\":\"OrderAdded\",\"workflowId\":{\"path\":\"hello\",\"versionId\":\"1\"}",
                        "\"TYPE\":\"OrderAttachable\",\"agentPath\":\"agent\"", "\"TYPE\":\"OrderAttached\",\"agentPath\":\"agent\"",
                        "\"TYPE\":\"OrderStarted\"", "\"TYPE\":\"OrderProcessingStarted\",\"subagentId\":\"sub\"",
                        "\"TYPE\":\"OrderStdoutWritten\",\"chunk\":\"hello from " + id + "\\n\"",
                        "\"TYPE\":\"OrderStderrWritten\",\"chunk\":\"a warning\\n\"",
                        "\"TYPE\":\"OrderProcessed\",\"outcome\":{\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}",
                        "\"TYPE\":\"OrderMoved\",\"to\":[1]", "\"TYPE\":\"OrderDetachable\"", "\"TYPE\":\"OrderDetached\"",
                        "\"TYPE\":\"OrderFinished\"")) {
                    events.add(KeyedEvent.of(id, EngineJson.parse("{" + e + "}").flatMap(EventJson::decode).orThrow()));
                }
                if (events.size() >= 1200) {
                    journal.journal.persist(events).get();
                    events = new ArrayList<>();
                }
            }
            if (!events.isEmpty()) {
                journal.journal.persist(events).get();
            }
            long last = journal.journal.lastEventId();
            long count = 12L * orders + 2;
            System.out.printf("journal: %,d events written in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            long tr = System.nanoTime();
            for (long after = 0; after < last; ) {
                var read = journal.journal.read(after, 5_000).orThrow();
                after = read.get(read.size() - 1).eventId();
            }
            System.out.printf("journal read alone (decoding the segments): %.2f s%n", (System.nanoTime() - tr) / 1e9);
            long t1 = System.nanoTime();
            try (HistoryService history = HistoryService.start(conf, journal.source(), id -> Optional.empty(), RealScheduler.instance())) {
                if (!history.awaitStored(last, Duration.ofMinutes(30))) {
                    throw new IllegalStateException("not stored: " + history.problem());
                }
                double seconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf("history ingest (%s): %,d events (%,d orders, %,d tasks) in %.2f s = %,.0f events/s%n",
                        conf.displayUrl().startsWith("jdbc:sqlite") ? "SQLite" : "PostgreSQL", count, orders, orders, seconds, count / seconds);
            }
        }
    }

    private static void query(Path dir, int rows, int queries, HistoryConf conf) throws Exception {
        HistoryDatabase database = HistoryDatabase.open(conf);
        try {
            database.migrate();
            long t0 = System.nanoTime();
            long start = java.time.Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
            long month = Duration.ofDays(30).toMillis();
            SplittableRandom random = new SplittableRandom(1);
            try (Connection c = database.connection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO task_history (id, order_event_id, order_id, main_event_id,"
                        + " main_order_id, workflow_path, version_id, position, job_name, agent_path, subagent_id, started_at, ended_at,"
                        + " return_code, outcome, message) VALUES (?, ?, ?, ?, ?, ?, '1', '[0]', ?, ?, 'sub', ?, ?, ?, ?, NULL)")) {
                    for (int i = 0; i < rows; i++) {
                        long at = start + (long) i * month / rows;
                        String order = "order-" + (i / 2);
                        s.setLong(1, i);
                        s.setLong(2, i / 2);
                        s.setString(3, order);
                        s.setLong(4, i / 2);
                        s.setString(5, order);
                        s.setString(6, "workflow-" + (i % 20));
                        s.setString(7, "job-" + random.nextInt(100));
                        s.setString(8, "agent-" + random.nextInt(10));
                        s.setLong(9, at);
                        s.setLong(10, at + 1000);
                        int rc = random.nextInt(20) == 0 ? 1 : 0;
                        s.setInt(11, rc);
                        s.setString(12, rc == 0 ? "Succeeded" : "Failed");
                        s.addBatch();
                        if (i % 10_000 == 9_999) {
                            s.executeBatch();
                            c.commit();
                        }
                    }
                    s.executeBatch();
                    c.commit();
                }
            }
            System.out.printf("%,d task rows inserted in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            HistoryQueries history = new HistoryQueries(database);
            long[] nanos = new long[queries];
            for (int q = 0; q < queries + 50; q++) {
                long from = start + random.nextLong(month - Duration.ofDays(2).toMillis());
                TaskQuery query = switch (q % 4) {
                    case 0 -> new TaskQuery(Optional.empty(), Optional.empty(), Optional.of("job-" + random.nextInt(100)), Optional.empty(),
                            Optional.empty(), Optional.empty(), 100, random.nextInt(5) * 100);
                    case 1 -> new TaskQuery(Optional.empty(), Optional.of("workflow-" + random.nextInt(20)), Optional.empty(), Optional.empty(),
                            Optional.of(from), Optional.of(from + Duration.ofDays(1).toMillis()), 100, 0);
                    case 2 -> new TaskQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("agent-" + random.nextInt(10)),
                            Optional.of(from), Optional.of(from + Duration.ofDays(2).toMillis()), 100, 100);
                    default -> new TaskQuery(Optional.of("order-" + random.nextInt(rows / 2)), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty(), 100, 0);
                };
                long t = System.nanoTime();
                history.tasks(query);
                if (q >= 50) { // the first 50 warm up
                    nanos[q - 50] = System.nanoTime() - t;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("filtered paged task queries over %,d rows (%s): p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d queries:"
                            + " by job, by workflow and day, by Agent and 2 days, by order)%n", rows,
                    conf.isSqlite() ? "SQLite" : "PostgreSQL", nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.95)] / 1e6,
                    nanos[queries - 1] / 1e6, queries);
        } finally {
            database.close();
        }
    }
}
