package io.jobwerk.controller;

import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of a Controller.
 *
 * @param agentUserId the user the Controller logs in with at its Agents
 */
public record ControllerConf(String controllerId, Path dataDirectory, WebServerConf web, Users users,
                             String agentUserId, String agentPassword, boolean fsync) {
    public ControllerConf {
        Objects.requireNonNull(controllerId, "controllerId");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(agentUserId, "agentUserId");
        Objects.requireNonNull(agentPassword, "agentPassword");
    }
}
