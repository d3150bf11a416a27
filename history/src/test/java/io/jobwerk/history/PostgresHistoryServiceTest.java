package io.jobwerk.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history service on PostgreSQL: a cluster of this class's own (initdb on a free port), a new
 * database per test. Skipped where PostgreSQL is not installed ({@code apt-get install postgresql};
 * CI installs it).
 */
class PostgresHistoryServiceTest extends HistoryServiceContract {
    private static PostgresCluster cluster;
    private HistoryConf conf;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(PostgresCluster.installation().isPresent(),
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql to run these tests");
        cluster = PostgresCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void createDatabase() throws Exception {
        conf = HistoryConf.postgres(cluster.createDatabase(), Optional.empty(), Map.of(HistoryConf.USER_ENV, "postgres")).orThrow();
    }

    @Override
    HistoryConf historyConf() {
        return conf;
    }

    @Test
    void aDatabaseAwayForAWhileIsCaughtUpWithNothingLostOrTwice() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"))) {
            journal.deploy("1", TestJournal.HELLO);
            long first = journal.runHello("before", "1\n", "", 0);
            try (HistoryService history = start(journal)) {
                assertThat(history.awaitStored(first, WAIT)).isTrue();
                cluster.stopServer();
                journal.runHello("during-1", "2\n", "", 0);
                long during = journal.runHello("during-2", "3\n", "", 0);
                while (history.problem().isEmpty()) { // the service notices the outage on its next write
                    Thread.sleep(50);
                }
                assertThat(history.storedEventId()).isLessThan(during);
                assertThat(journal.journal.releasedEventId()).as("the journal keeps what is not stored").isLessThan(during);
                cluster.startServer();
                long last = journal.runHello("after", "4\n", "", 0);
                assertThat(history.awaitStored(last, Duration.ofSeconds(60))).isTrue();
                assertThat(history.problem()).isEmpty();
                assertThat(history.queries().orders(ALL_ORDERS).rows()).extracting(e -> e.order().key().orderId())
                        .containsExactly("after", "during-2", "during-1", "before");
                assertThat(history.queries().tasks(ALL_TASKS).total()).isEqualTo(4);
                assertThat(history.queries().log("during-1").orElseThrow()).contains("\n2\n");
                assertThat(journal.journal.releasedEventId()).isEqualTo(last);
            }
        }
    }

    @Test
    void aUrlHoldingAPasswordIsRefused() {
        assertThat(HistoryConf.postgres("jdbc:postgresql://127.0.0.1/db?user=a&password=secret", Optional.empty(), Map.of())
                .problemOption().orElseThrow().message()).contains("must not hold a password");
    }
}
