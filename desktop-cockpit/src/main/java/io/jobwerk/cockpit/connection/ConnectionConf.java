package io.jobwerk.cockpit.connection;

import java.util.Objects;

/**
 * Where and as whom the Cockpit connects: a Controller's base URL (e.g. {@code http://127.0.0.1:4444},
 * with or without {@code /controller/api}), a user and the password (kept in memory only).
 */
public record ConnectionConf(String name, String controllerUri, String userId, String password) {

    public ConnectionConf {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(controllerUri, "controllerUri");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(password, "password");
    }

    /** The Controller's API URI, {@code …/controller/api}. */
    public String apiUri() {
        String base = controllerUri.endsWith("/") ? controllerUri.substring(0, controllerUri.length() - 1) : controllerUri;
        return base.endsWith("/controller/api") ? base : base + "/controller/api";
    }
}
