package io.jobwerk.cockpit.connections;

import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.http.client.EngineClient;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tests a connection once, as the Connections screen's Test button does: logs in and reads the
 * user's session ({@code POST …/session}, {@code GET …/session}). Blocks: call it off the UI thread.
 * A failure is explained for the operator ({@link #explain}): refused, unknown host, TLS, login
 * failed, not a Controller.
 */
public final class ConnectionProbe {
    private ConnectionProbe() {}

    /** e.g. {@code Connected: user operator with Super} or the explained problem. */
    public static Checked<String> test(ConnectionConf conf) {
        EngineClient client = new EngineClient(conf.apiUri(), conf.userId(), conf.password());
        try {
            Checked<String> login = client.login();
            if (login.isFail()) {
                return Checked.fail(explain(login.problemOption().orElseThrow(), conf));
            }
            Checked<UserPermissions> session = client.get(List.of("session")).map(UserPermissions::fromJson);
            if (session.isFail()) {
                return Checked.fail(explain(session.problemOption().orElseThrow(), conf));
            }
            String granted = session.orThrow().granted().map(g -> g.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")))
                    .orElse("unknown permissions");
            return Checked.ok("Connected: user " + conf.userId() + " with " + (granted.isEmpty() ? "no permission" : granted));
        } finally {
            client.close();
        }
    }

    /** The problem said so that the operator knows what to fix; the original text follows. */
    public static Problem explain(Problem problem, ConnectionConf conf) {
        String message = problem.message();
        String lower = message.toLowerCase(Locale.ROOT);
        String what;
        if (problem.code().equals("InvalidLogin") || problem.code().equals("Unauthenticated")) {
            what = "Login failed: the Controller does not accept user " + conf.userId() + " with this password";
        } else if (problem.code().equals("ConnectionRefused")) {
            what = "Refused: nothing listens at " + conf.controllerUri() + " (is the Controller running, is the port right?)";
        } else if (lower.contains("ssl") || lower.contains("certificate") || lower.contains("pkix") || lower.contains("handshake")) {
            what = "TLS failed: the Controller's certificate is not trusted or the protocols do not match";
        } else if (lower.contains("unknownhost") || lower.contains("name or service not known") || lower.contains("nodename nor servname")
                || lower.contains("no address associated")) {
            what = "Unknown host: " + conf.controllerUri() + " cannot be resolved";
        } else if (lower.contains("timeout") || lower.contains("timed out")) {
            what = "No answer: " + conf.controllerUri() + " did not answer in time (firewall, wrong host?)";
        } else if (problem.code().equals("HttpError") && lower.contains("http 404")) {
            what = "Not a Controller: " + conf.apiUri() + " does not know the Controller's API";
        } else {
            what = "Failed";
        }
        return Problem.of(problem.code(), what + " — " + message);
    }
}
