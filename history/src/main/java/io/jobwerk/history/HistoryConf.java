package io.jobwerk.history;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and how long the history is kept.
 *
 * @param jdbcUrl   {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST:PORT/DB}
 * @param user      the database user (PostgreSQL)
 * @param password  the database user's password (PostgreSQL)
 * @param retention entries of orders that ended longer ago are deleted; zero keeps them for ever
 * @param cleanupInterval how often the cleanup runs
 * @param eventOutbox whether the history also writes each order event to the outbox an
 *                    {@link EventBrokerService} publishes from (only when a broker is configured)
 */
public record HistoryConf(String jdbcUrl, Optional<String> user, Optional<String> password, Duration retention,
                          Duration cleanupInterval, boolean eventOutbox) {

    /** The environment variables naming the PostgreSQL user and password (when no credentials file is given). */
    public static final String USER_ENV = "JOBWERK_HISTORY_DB_USER";
    public static final String PASSWORD_ENV = "JOBWERK_HISTORY_DB_PASSWORD";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofHours(1);

    public HistoryConf {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(cleanupInterval, "cleanupInterval");
    }

    /** The default: a SQLite file {@code history.sqlite} in the Controller's data directory. */
    public static HistoryConf sqlite(Path dataDirectory) {
        return new HistoryConf("jdbc:sqlite:" + dataDirectory.resolve("history.sqlite").toAbsolutePath(), Optional.empty(),
                Optional.empty(), DEFAULT_RETENTION, DEFAULT_CLEANUP_INTERVAL, false);
    }

    /**
     * A PostgreSQL database. The credentials come from {@code credentialsFile} (a properties file
     * with {@code user} and {@code password}) or else from the environment variables
     * {@value #USER_ENV} and {@value #PASSWORD_ENV}, never from the URL (it may be seen in a
     * process list): a URL holding a password is refused.
     */
    public static Checked<HistoryConf> postgres(String jdbcUrl, Optional<Path> credentialsFile, Map<String, String> env) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            return Checked.fail(Problem.of("InvalidHistoryDb", "--history-db must be a jdbc:postgresql:// URL, not '" + jdbcUrl + "'"));
        }
        if (jdbcUrl.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            return Checked.fail(Problem.of("InvalidHistoryDb", "--history-db must not hold a password: give it in a credentials file or in "
                    + PASSWORD_ENV));
        }
        Optional<String> user = Optional.ofNullable(env.get(USER_ENV));
        Optional<String> password = Optional.ofNullable(env.get(PASSWORD_ENV));
        if (credentialsFile.isPresent()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(credentialsFile.get())) {
                properties.load(reader);
            } catch (IOException e) {
                return Checked.fail(Problem.of("InvalidHistoryDb", "Cannot read the history database credentials " + credentialsFile.get() + ": " + e));
            }
            user = Optional.ofNullable(properties.getProperty("user"));
            password = Optional.ofNullable(properties.getProperty("password"));
            if (user.isEmpty()) {
                return Checked.fail(Problem.of("InvalidHistoryDb", "The credentials file " + credentialsFile.get() + " has no 'user'"));
            }
        }
        return Checked.ok(new HistoryConf(jdbcUrl, user, password, DEFAULT_RETENTION, DEFAULT_CLEANUP_INTERVAL, false));
    }

    public HistoryConf withRetention(Duration retention, Duration cleanupInterval) {
        return new HistoryConf(jdbcUrl, user, password, retention, cleanupInterval, eventOutbox);
    }

    public HistoryConf withEventOutbox(boolean eventOutbox) {
        return new HistoryConf(jdbcUrl, user, password, retention, cleanupInterval, eventOutbox);
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /** The URL without anything after {@code ?} (for messages). */
    public String displayUrl() {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }
}
