package io.jobwerk.subagent;

import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a Subagent server.
 *
 * @param dataDirectory holds {@code work/} (job process files) and {@code executables/}
 * @param users who may call; the Director logs in as one of them
 * @param directorTimeout after this long without any request of its Director (the event stream's
 *     long-poll counts), the Subagent kills its processes (SIGTERM, SIGKILL after the sigkill delay),
 *     so that a job the Director has given up never runs twice (default 30 s)
 * @param eventCapacity events kept in memory for the Director (JS7: 10,000)
 */
public record SubagentConf(Path dataDirectory, WebServerConf web, Users users, Duration directorTimeout, int eventCapacity) {

    public static final Duration DEFAULT_DIRECTOR_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_EVENT_CAPACITY = 10_000;

    public SubagentConf {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(directorTimeout, "directorTimeout");
        if (directorTimeout.isNegative() || directorTimeout.isZero()) {
            throw new IllegalArgumentException("directorTimeout must be positive");
        }
        if (eventCapacity < 1) {
            throw new IllegalArgumentException("eventCapacity must be positive");
        }
    }

    public static SubagentConf of(Path dataDirectory, WebServerConf web, Users users) {
        return new SubagentConf(dataDirectory, web, users, DEFAULT_DIRECTOR_TIMEOUT, DEFAULT_EVENT_CAPACITY);
    }

    public SubagentConf withDirectorTimeout(Duration timeout) {
        return new SubagentConf(dataDirectory, web, users, timeout, eventCapacity);
    }
}
