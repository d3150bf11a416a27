package io.jobwerk.cockpit.connections;

import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.http.client.EngineClient;
import java.util.Objects;

/**
 * A Controller the operator connects to, as saved in the profile file: a name of the operator's
 * choosing ({@code prod}, {@code test}, {@code site-hamburg}), the Controller's URL and the user.
 * Never the password: that lives in a {@link PasswordVault}.
 */
public record ConnectionProfile(String name, String controllerUri, String userId) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(controllerUri, "controllerUri");
        Objects.requireNonNull(userId, "userId");
    }

    /** The profile, or a problem naming the field that is wrong (blank name or user, a URL that is not http(s)). */
    public static Checked<ConnectionProfile> checked(String name, String controllerUri, String userId) {
        if (name == null || name.isBlank()) {
            return Checked.fail(Problem.of("InvalidConnection", "Name: give the connection a name, e.g. prod"));
        }
        if (userId == null || userId.isBlank()) {
            return Checked.fail(Problem.of("InvalidConnection", "User: a user name is needed"));
        }
        String uri = controllerUri == null ? "" : controllerUri.strip();
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            return Checked.fail(Problem.of("InvalidConnection", "Controller URL: '" + uri + "' must start with http:// or https://"));
        }
        Checked<String> valid = EngineClient.checkedApiUri(uri);
        if (valid.isFail()) {
            return Checked.fail(Problem.of("InvalidConnection", "Controller URL: " + valid.problemOption().orElseThrow().message()));
        }
        return Checked.ok(new ConnectionProfile(name.strip(), uri, userId.strip()));
    }

    /** Where and as whom, with the password given (in memory only). */
    public ConnectionConf conf(String password) {
        return new ConnectionConf(name, controllerUri, userId, password);
    }

    /** The key of its password in a vault: user and Controller, so renaming the profile keeps the password. */
    public String account() {
        return userId + "@" + controllerUri;
    }

    /** The same Controller as the same user (the command line's {@code --controller} and {@code --user} choose it). */
    public boolean sameTarget(String uri, String user) {
        return userId.equals(user) && strip(controllerUri).equals(strip(uri));
    }

    private static String strip(String uri) {
        String s = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return s.endsWith("/controller/api") ? s.substring(0, s.length() - "/controller/api".length()) : s;
    }
}
