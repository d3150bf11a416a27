package io.jobwerk.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The history's database: a small connection pool and the schema, migrated with Flyway on open
 * (scripts in {@code io/jobwerk/history/migration}, one set for SQLite and PostgreSQL). SQLite runs
 * in WAL mode, so queries read while the history writes.
 *
 * <p>A database whose schema table lists exactly the {@link #MIGRATIONS} as applied is used without
 * Flyway: loading Flyway (about 400 classes) and scanning its scripts cost a restart more than the
 * rest of the history's catch-up. Any other state (a new or older database, a failed or unknown
 * migration) goes through Flyway, which migrates, or refuses with its own message.
 */
final class HistoryDatabase implements AutoCloseable {
    // held, so that java.util.logging keeps the levels: the pool's and Flyway's start-up lines are noise in a server's log
    private static final String SCHEMA_TABLE = "history_schema_version";
    /** The versions of the scripts in {@code io/jobwerk/history/migration}; a test checks that they match. */
    static final List<String> MIGRATIONS = List.of("1", "2", "3");

    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
            java.util.logging.Logger.getLogger("com.zaxxer.hikari"), java.util.logging.Logger.getLogger("org.flywaydb"));

    static {
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    }

    private final HistoryConf conf;
    private final HikariDataSource dataSource;

    private HistoryDatabase(HistoryConf conf, HikariDataSource dataSource) {
        this.conf = conf;
        this.dataSource = dataSource;
    }

    /**
     * Opens the pool and migrates the schema. Does not wait for the database: the pool starts
     * without a connection ({@code initializationFailTimeout} -1), and {@link #migrate} is retried
     * by the service until the database answers.
     */
    static HistoryDatabase open(HistoryConf conf) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(conf.jdbcUrl());
        conf.user().ifPresent(hikari::setUsername);
        conf.password().ifPresent(hikari::setPassword);
        hikari.setPoolName("history");
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(5_000);
        hikari.setInitializationFailTimeout(-1);
        if (conf.isSqlite()) {
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.addDataSourceProperty("busy_timeout", "10000");
            hikari.addDataSourceProperty("foreign_keys", "false");
        }
        return new HistoryDatabase(conf, new HikariDataSource(hikari));
    }

    /** Brings the schema to the newest version (with Flyway, unless it is current already). */
    void migrate() throws SQLException {
        if (!isCurrent()) {
            Flyway.configure(HistoryDatabase.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:io/jobwerk/history/migration")
                    .table(SCHEMA_TABLE)
                    .load()
                    .migrate();
        }
    }

    /** Whether Flyway's schema table lists exactly {@link #MIGRATIONS} as applied, and nothing failed or unknown. */
    boolean isCurrent() throws SQLException {
        Set<String> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            // closed at once: an open result set holds SQLite's read snapshot on this pooled connection, and a
            // later write on it fails with SQLITE_BUSY_SNAPSHOT for as long as it stays open
            try (ResultSet table = connection.getMetaData().getTables(null, null, SCHEMA_TABLE, null)) {
                if (!table.next()) {
                    return false;
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT version, success FROM " + SCHEMA_TABLE + " WHERE version IS NOT NULL")) {
                while (rows.next()) {
                    if (!rows.getBoolean(2) || !applied.add(rows.getString(1))) {
                        return false;
                    }
                }
            }
        }
        return applied.equals(Set.copyOf(MIGRATIONS));
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    DataSource dataSource() {
        return dataSource;
    }

    HistoryConf conf() {
        return conf;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
