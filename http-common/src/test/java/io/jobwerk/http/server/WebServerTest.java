package io.jobwerk.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.Sessions;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.undertow.server.RoutingHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebServerTest {

    WebServer server;
    final HttpClient client = HttpClient.newHttpClient();
    String base;

    @BeforeEach
    void start() {
        Users users = new Users(List.of(
                new UserAccount("admin", PasswordHash.hash("secret-1", 1000), Set.of(Permission.UpdateItem)),
                new UserAccount("viewer", PasswordHash.parse("plain:look").orThrow(), Set.of(Permission.ValidUser))));
        Authentication auth = new Authentication(users, new Sessions(Duration.ofHours(1), Clock.systemUTC()), Duration.ofMillis(200));
        RoutingHandler routes = new RoutingHandler()
                .post("/api/session", auth.sessionRoute())
                .get("/api/hello", auth.require(Permission.ValidUser, (exchange, user) ->
                        Exchanges.respondJson(exchange, 200, EngineJson.MAPPER.createObjectNode().put("user", user.id()))))
                .post("/api/echo", auth.require(Permission.UpdateItem, (exchange, user) ->
                        Exchanges.respond(exchange, Exchanges.readJson(exchange), json -> json)))
                .get("/api/boom", auth.require(Permission.ValidUser, (exchange, user) -> {
                    throw new IllegalStateException("secret internals");
                }));
        server = WebServer.start(new WebServerConf("127.0.0.1", 0, 1024), routes);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login(String user, String password) throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"TYPE\":\"Login\",\"userAndPassword\":{\"userId\":\"" + user
                        + "\",\"password\":\"" + password + "\"}}")));
        assertThat(response.statusCode()).isEqualTo(200);
        return EngineJson.parse(response.body()).orThrow().get("sessionToken").asText();
    }

    @Test
    void loginGivesATokenThatAuthenticates() throws Exception {
        String token = login("admin", "secret-1");
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/hello")).header("x-js7-session", token));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"user\":\"admin\"}");
    }

    @Test
    void failedLoginIsDelayedAnd401() throws Exception {
        long start = System.nanoTime();
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"TYPE\":\"Login\",\"userAndPassword\":{\"userId\":\"admin\",\"password\":\"wrong\"}}")));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"TYPE\":\"Problem\"").contains("Login failed").doesNotContain("secret");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String token = login("viewer", "look");
        send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"TYPE\":\"Logout\",\"sessionToken\":\"" + token + "\"}")));
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/hello")).header("x-js7-session", token));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void basicAuthenticationWorks() throws Exception {
        String basic = Base64.getEncoder().encodeToString("viewer:look".getBytes(StandardCharsets.UTF_8));
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/hello")).header("Authorization", "Basic " + basic));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void missingAuthenticationIs401Problem() throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/hello")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).contains("Authentication required");
    }

    @Test
    void missingPermissionIs403() throws Exception {
        String token = login("viewer", "look");
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/echo")).header("x-js7-session", token)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("lacks the permission UpdateItem");
    }

    @Test
    void unknownRouteIs404Problem() throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/nothing")));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No such route: GET /api/nothing");
    }

    @Test
    void malformedJsonIs400NamingLineAndColumn() throws Exception {
        String token = login("admin", "secret-1");
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/echo")).header("x-js7-session", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\": }")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("line 1, column");
    }

    @Test
    void tooLargeBodyIs413() throws Exception {
        String token = login("admin", "secret-1");
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/echo")).header("x-js7-session", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":\"" + "x".repeat(2000) + "\"}")));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than 1024 bytes");
    }

    @Test
    void unexpectedExceptionIs500WithoutInternals() throws Exception {
        String token = login("viewer", "look");
        var response = send(HttpRequest.newBuilder(URI.create(base + "/api/boom")).header("x-js7-session", token));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Internal error").doesNotContain("secret internals").doesNotContain("at io.");
    }
}
