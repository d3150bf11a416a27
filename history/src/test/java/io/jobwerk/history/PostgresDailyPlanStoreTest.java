package io.jobwerk.history;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The daily plan's rows on PostgreSQL: a cluster of this class's own, one database per test (skipped where PostgreSQL is not installed). */
class PostgresDailyPlanStoreTest extends DailyPlanStoreContract {
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

    @Override
    HistoryConf historyConf() throws Exception {
        if (conf == null) {
            conf = HistoryConf.postgres(cluster.createDatabase(), Optional.empty(), Map.of(HistoryConf.USER_ENV, "postgres")).orThrow();
        }
        return conf;
    }
}
