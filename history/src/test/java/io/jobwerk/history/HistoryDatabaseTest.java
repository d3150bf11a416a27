package io.jobwerk.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the history's database is used without Flyway (a current schema) and when Flyway migrates it. */
class HistoryDatabaseTest {
    @TempDir
    Path dir;
    private HistoryDatabase database;

    @BeforeEach
    void open() {
        database = HistoryDatabase.open(HistoryConf.sqlite(dir));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void migrationsListTheVersionOfEachScript() throws IOException, URISyntaxException {
        Path scripts = Path.of(HistoryDatabase.class.getResource("migration").toURI());
        try (Stream<Path> files = Files.list(scripts)) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("^V([0-9_]+)__.*\\.sql$", "$1").replace('_', '.')))
                    .containsExactlyInAnyOrderElementsOf(HistoryDatabase.MIGRATIONS);
        }
    }

    @Test
    void aNewDatabaseIsNotCurrentUntilMigrated() throws SQLException {
        assertThat(database.isCurrent()).isFalse();
        database.migrate();
        assertThat(database.isCurrent()).isTrue();
    }

    @Test
    void anOlderSchemaIsMigratedToTheNewest() throws SQLException {
        flyway().target("2").load().migrate();
        assertThat(database.isCurrent()).isFalse();
        database.migrate();
        assertThat(database.isCurrent()).isTrue();
        execute("SELECT event_id FROM event_outbox"); // V3's table exists
    }

    @Test
    void aSchemaWithAFailedOrUnknownMigrationIsLeftToFlyway() throws SQLException {
        database.migrate();
        execute("INSERT INTO history_schema_version (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES (99, '99', 'from a newer Jobwerk', 'SQL', 'V99__newer.sql', 0, 'test', 0, 1)");
        assertThat(database.isCurrent()).isFalse();
        execute("UPDATE history_schema_version SET success = 0 WHERE version = '99'");
        assertThat(database.isCurrent()).isFalse();
    }

    @Test
    void checkingTheSchemaLeavesNoReadSnapshotBehindOnThePooledConnection() throws SQLException {
        database.migrate();
        assertThat(database.isCurrent()).isTrue();
        // the pool hands this thread the connection isCurrent used first; it writes after another one wrote
        try (Connection used = database.connection(); Connection other = database.connection();
             Statement usedStatement = used.createStatement(); Statement otherStatement = other.createStatement()) {
            otherStatement.execute("CREATE TABLE written_by_other (x INTEGER)");
            usedStatement.execute("CREATE TABLE written_after_it (x INTEGER)");
        }
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure(HistoryDatabase.class.getClassLoader()).dataSource(database.dataSource())
                .locations("classpath:io/jobwerk/history/migration").table("history_schema_version");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
