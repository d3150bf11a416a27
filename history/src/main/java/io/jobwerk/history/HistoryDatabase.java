package io.jobwerk.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The history's database: a small connection pool and the schema, migrated with Flyway on open
 * (scripts in {@code io/jobwerk/history/migration}, one set for SQLite and PostgreSQL). SQLite runs
 * in WAL mode, so queries read while the history writes.
 */
final class HistoryDatabase implements AutoCloseable {
    // held, so that java.util.logging keeps the levels: the pool's and Flyway's start-up lines are noise in a server's log
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

    /** Brings the schema to the newest version. */
    void migrate() {
        Flyway.configure(HistoryDatabase.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:io/jobwerk/history/migration")
                .table("history_schema_version")
                .load()
                .migrate();
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
