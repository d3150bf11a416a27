package io.jobwerk.agent;

import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of an Agent Director with its integrated Subagent.
 *
 * @param dataDirectory holds {@code journal/}, {@code work/} (job process files) and {@code executables/}
 */
public record AgentConf(AgentPath agentPath, SubagentId subagentId, Path dataDirectory, WebServerConf web, Users users,
                        String controllerId, Duration defaultSigkillDelay, boolean fsync) {
    public AgentConf {
        Objects.requireNonNull(agentPath, "agentPath");
        Objects.requireNonNull(subagentId, "subagentId");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(controllerId, "controllerId");
        Objects.requireNonNull(defaultSigkillDelay, "defaultSigkillDelay");
    }
}
