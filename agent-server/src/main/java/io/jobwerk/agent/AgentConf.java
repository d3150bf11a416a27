package io.jobwerk.agent;

import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of an Agent Director with its integrated Subagent.
 *
 * @param dataDirectory holds {@code journal/}, {@code work/} (job process files) and {@code executables/}
 * @param subagentUserId the user the Director logs in with at its remote Subagents (empty: none configured)
 * @param subagentPassword that user's password
 */
public record AgentConf(AgentPath agentPath, SubagentId subagentId, Path dataDirectory, WebServerConf web, Users users,
                        String controllerId, Duration defaultSigkillDelay, boolean fsync,
                        String subagentUserId, String subagentPassword) {

    /** Without remote Subagent credentials. */
    public AgentConf(AgentPath agentPath, SubagentId subagentId, Path dataDirectory, WebServerConf web, Users users,
                     String controllerId, Duration defaultSigkillDelay, boolean fsync) {
        this(agentPath, subagentId, dataDirectory, web, users, controllerId, defaultSigkillDelay, fsync, "", "");
    }

    public AgentConf withSubagentUser(String userId, String password) {
        return new AgentConf(agentPath, subagentId, dataDirectory, web, users, controllerId, defaultSigkillDelay, fsync, userId, password);
    }

    public AgentConf {
        Objects.requireNonNull(agentPath, "agentPath");
        Objects.requireNonNull(subagentId, "subagentId");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(controllerId, "controllerId");
        Objects.requireNonNull(defaultSigkillDelay, "defaultSigkillDelay");
        Objects.requireNonNull(subagentUserId, "subagentUserId");
        Objects.requireNonNull(subagentPassword, "subagentPassword");
    }
}
