package io.jobwerk.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who calls: a session token in {@code x-js7-session} (from {@code POST …/api/session} Login), or
 * HTTP Basic credentials. Wraps handlers with a permission check; serves the session route.
 * A failed login is answered only after {@code invalidLoginDelay} (JS7: 1 s), which slows down guessing.
 */
public final class Authentication {

    public static final HttpString SESSION_HEADER = new HttpString("x-js7-session");

    /** A handler that knows its caller. */
    @FunctionalInterface
    public interface AuthenticatedHandler {
        void handle(HttpServerExchange exchange, UserAccount user) throws Exception;
    }

    private final Users users;
    private final Sessions sessions;
    private final Duration invalidLoginDelay;
    private final Scheduler scheduler;
    // Basic auth sends the password with every request; PBKDF2 per request would cost ~0.1 s each.
    private final Map<String, UserAccount> verifiedBasicCredentials = new ConcurrentHashMap<>();

    public Authentication(Users users, Sessions sessions, Duration invalidLoginDelay, Scheduler scheduler) {
        this.users = users;
        this.sessions = sessions;
        this.invalidLoginDelay = invalidLoginDelay;
        this.scheduler = scheduler;
    }

    public Authentication(Users users, Sessions sessions, Duration invalidLoginDelay) {
        this(users, sessions, invalidLoginDelay, RealScheduler.instance());
    }

    public Sessions sessions() {
        return sessions;
    }

    /** {@code handler} runs only for a caller with {@code permission}; others get 401 or 403 problems. */
    public HttpHandler require(Permission permission, AuthenticatedHandler handler) {
        return exchange -> {
            Checked<UserAccount> user = caller(exchange);
            if (user.isFail()) {
                Exchanges.respondProblem(exchange, user.problemOption().orElseThrow());
                return;
            }
            if (!user.orThrow().may(permission)) {
                Exchanges.respondProblem(exchange, forbidden(user.orThrow(), permission));
                return;
            }
            handler.handle(exchange, user.orThrow());
        };
    }

    /** The problem (HTTP 403) for a caller that lacks {@code permission}. */
    public static Problem forbidden(UserAccount user, Permission permission) {
        return Problem.of("Forbidden", "User '" + user.id() + "' lacks the permission " + permission);
    }

    private Checked<UserAccount> caller(HttpServerExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        if (token != null) {
            return sessions.user(token).map(Checked::ok).orElseGet(() -> Checked.fail(
                    Problem.of("Unauthenticated", "Invalid or expired session; log in again")));
        }
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Checked.fail(Problem.of("Unauthenticated", "Malformed Basic authorization header"));
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Checked.fail(Problem.of("Unauthenticated", "Malformed Basic authorization header"));
            }
            return basic(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return Checked.fail(Problem.of("Unauthenticated",
                "Authentication required: log in (POST …/api/session) and send the token in 'x-js7-session', or use HTTP Basic"));
    }

    private Checked<UserAccount> basic(String userId, String password) {
        String key = digest(userId + '\0' + password);
        UserAccount cached = verifiedBasicCredentials.get(key);
        if (cached != null) {
            return Checked.ok(cached);
        }
        Optional<UserAccount> user = users.authenticate(userId, password);
        if (user.isEmpty()) {
            delayAfterInvalidLogin();
            return Checked.fail(Problem.of("InvalidLogin", "Unknown user or wrong password"));
        }
        if (verifiedBasicCredentials.size() > 1000) {
            verifiedBasicCredentials.clear();
        }
        verifiedBasicCredentials.put(key, user.get());
        return Checked.ok(user.get());
    }

    /**
     * {@code POST …/api/session}: {@code {"TYPE":"Login","userAndPassword":{"userId":…,"password":…}}}
     * answers {@code {"TYPE":"LoggedIn","sessionToken":…}}; {@code {"TYPE":"Logout","sessionToken":…}}
     * answers {@code {"TYPE":"Accepted"}}.
     */
    public HttpHandler sessionRoute() {
        return exchange -> {
            Checked<JsonNode> json = Exchanges.readJson(exchange);
            if (json.isFail()) {
                Exchanges.respondProblem(exchange, json.problemOption().orElseThrow());
                return;
            }
            JsonNode body = json.orThrow();
            String type = body.path("TYPE").asText("");
            switch (type) {
                case "Login" -> login(exchange, body);
                case "Logout" -> {
                    String token = body.path("sessionToken").asText(exchange.getRequestHeaders().getFirst(SESSION_HEADER));
                    if (token != null) {
                        sessions.close(token);
                    }
                    ObjectNode accepted = EngineJson.MAPPER.createObjectNode().put("TYPE", "Accepted");
                    Exchanges.respondJson(exchange, 200, accepted);
                }
                default -> Exchanges.respondProblem(exchange, Problem.of("BadRequest",
                        "Session command TYPE must be 'Login' or 'Logout', not '" + type + "'"));
            }
        };
    }

    private void login(HttpServerExchange exchange, JsonNode body) {
        JsonNode credentials = body.path("userAndPassword");
        Optional<UserAccount> user;
        if (credentials.isObject()) {
            if (!credentials.path("userId").isTextual() || !credentials.path("password").isTextual()) {
                Exchanges.respondProblem(exchange, Problem.of("BadRequest",
                        "Login.userAndPassword needs the strings 'userId' and 'password'"));
                return;
            }
            user = users.authenticate(credentials.get("userId").asText(), credentials.get("password").asText());
        } else {
            // Without userAndPassword, JS7 logs in the caller of the HTTP Basic header.
            Checked<UserAccount> basic = caller(exchange);
            user = basic.toOptional();
        }
        if (user.isEmpty()) {
            delayAfterInvalidLogin();
            Exchanges.respondProblem(exchange, Problem.of("InvalidLogin", "Login failed: unknown user or wrong password"));
            return;
        }
        ObjectNode loggedIn = EngineJson.MAPPER.createObjectNode()
                .put("TYPE", "LoggedIn")
                .put("sessionToken", sessions.open(user.get()));
        Exchanges.respondJson(exchange, 200, loggedIn);
    }

    private void delayAfterInvalidLogin() {
        try {
            scheduler.sleep(invalidLoginDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String digest(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
