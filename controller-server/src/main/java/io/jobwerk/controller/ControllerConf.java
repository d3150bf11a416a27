package io.jobwerk.controller;

import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.runtime.signature.SignatureVerifier;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of a Controller.
 *
 * @param agentUserId the user the Controller logs in with at its Agents
 * @param signatures   whether deployed workflows must be signed by a trusted key, and by which
 */
public record ControllerConf(String controllerId, Path dataDirectory, WebServerConf web, Users users,
                             String agentUserId, String agentPassword, boolean fsync, SignatureVerifier signatures) {
    public ControllerConf {
        Objects.requireNonNull(controllerId, "controllerId");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(agentUserId, "agentUserId");
        Objects.requireNonNull(agentPassword, "agentPassword");
        Objects.requireNonNull(signatures, "signatures");
    }

    /** A Controller that accepts unsigned workflows (standalone and development set-ups). */
    public ControllerConf(String controllerId, Path dataDirectory, WebServerConf web, Users users,
                          String agentUserId, String agentPassword, boolean fsync) {
        this(controllerId, dataDirectory, web, users, agentUserId, agentPassword, fsync, SignatureVerifier.acceptingUnsigned());
    }
}
