package io.jobwerk.system;

import io.jobwerk.testing.Ports;
import io.jobwerk.testing.ServerProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input over HTTP to a real standalone process (Controller and Agent Director)
 * and a real Subagent process: a 4xx JSON problem that names what is wrong and where, never a 500
 * or a stack trace.
 */
class BadInputTest {

    private static Path dir;
    private static TestSystem system;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String token;
    private static ServerProcess subagent;
    private static int subagentPort;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("jobwerk-bad-input-");
        system = TestSystem.standalone(dir);
        token = system.client().login().orThrow();
        subagentPort = Ports.free();
        subagent = ServerProcess.start("subagent", dir.resolve("subagent.log"), "subagent", "--data", dir.resolve("subagent").toString(),
                "--port", String.valueOf(subagentPort), "--user", TestSystem.USER + ":" + TestSystem.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (subagent != null) {
            subagent.close();
        }
        if (system != null) {
            system.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String workflow(String instructions, String jobs) {
        return "{\"TYPE\":\"AddVersion\",\"versionId\":\"bad\"}\n"
                + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"bad/wf\",\"versionId\":\"bad\","
                + "\"instructions\":" + instructions + ",\"jobs\":" + jobs + "}}\n";
    }

    private static final String JOB = "{\"j\":{\"agentPath\":\"agent\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"exit 0\"}}}";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON command", "POST", "/controller/api/command", "{\"TYPE\":\"NoOperation\"", 400, "JSON"),
                Arguments.of("unknown command TYPE", "POST", "/controller/api/command", "{\"TYPE\":\"FlyToTheMoon\"}", 400, "FlyToTheMoon"),
                Arguments.of("command field of the wrong type", "POST", "/controller/api/command",
                        "{\"TYPE\":\"CancelOrders\",\"orderIds\":\"A\"}", 400, "orderIds"),
                Arguments.of("malformed NDJSON item line", "POST", "/controller/api/item",
                        "{\"TYPE\":\"AddVersion\",\"versionId\":\"x\"}\n{\"TYPE\":", 400, "2"),
                Arguments.of("unknown item operation TYPE", "POST", "/controller/api/item", "{\"TYPE\":\"Teleport\"}\n", 400, "Teleport"),
                Arguments.of("unknown item TYPE", "POST", "/controller/api/item",
                        "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Spaceship\",\"path\":\"x\"}}\n", 400, "Spaceship"),
                Arguments.of("unknown instruction TYPE", "POST", "/controller/api/item",
                        workflow("[{\"TYPE\":\"Levitate\"}]", "{}"), 400, "Levitate"),
                Arguments.of("bad expression", "POST", "/controller/api/item",
                        workflow("[{\"TYPE\":\"If\",\"predicate\":\"$x == \",\"then\":{\"instructions\":[]}}]", "{}"), 400, "$x =="),
                Arguments.of("job on an unknown Agent", "POST", "/controller/api/item",
                        workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]", JOB.replace("\"agent\"", "\"nowhere\"")), 400, "nowhere"),
                Arguments.of("unknown job name", "POST", "/controller/api/item",
                        workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"missing\"}]", JOB), 400, "missing"),
                Arguments.of("order for an unknown workflow", "POST", "/controller/api/order",
                        "{\"id\":\"o-1\",\"workflowPath\":\"no/such/workflow\"}", 400, "no/such/workflow"),
                Arguments.of("malformed order", "POST", "/controller/api/order", "{\"id\":", 400, "JSON"),
                Arguments.of("order without workflowPath", "POST", "/controller/api/order", "{\"id\":\"o-2\"}", 400, "workflowPath"),
                Arguments.of("invalid order id", "POST", "/controller/api/order",
                        "{\"id\":\"bad|id\",\"workflowPath\":\"x\"}", 400, "bad|id"),
                Arguments.of("wrong method", "DELETE", "/controller/api/command", null, 405, "DELETE"),
                Arguments.of("GET on a POST route", "GET", "/controller/api/item", null, 405, "GET"),
                Arguments.of("unknown route", "GET", "/controller/api/nothing-here", null, 404, "/controller/api/nothing-here"),
                Arguments.of("unknown session command", "POST", "/controller/api/session", "{\"TYPE\":\"Hello\"}", 400, "Hello"),
                Arguments.of("event stream with a bad parameter", "GET", "/controller/api/event?after=abc", null, 400, "after"),
                Arguments.of("invalid order id in a path", "GET", "/controller/api/order/a%01b", null, 400, "control characters"),
                Arguments.of("unknown order in a path", "GET", "/controller/api/order/no-such-order", null, 400, "no-such-order"),
                // The Agent Director's API (the Controller's counterpart)
                Arguments.of("Agent: malformed JSON command", "POST", "/agent/api/command", "{\"TYPE\":", 400, "JSON"),
                Arguments.of("Agent: unknown command TYPE", "POST", "/agent/api/command", "{\"TYPE\":\"FlyToTheMoon\"}", 400, "FlyToTheMoon"),
                Arguments.of("Agent: AttachOrder without an order", "POST", "/agent/api/command", "{\"TYPE\":\"AttachOrder\"}", 400, "AttachOrder 'order'"),
                Arguments.of("Agent: unknown item TYPE", "POST", "/agent/api/command",
                        "{\"TYPE\":\"AttachItem\",\"item\":{\"TYPE\":\"Spaceship\"}}", 400, "Spaceship"),
                Arguments.of("Agent: event stream with a bad parameter", "GET", "/agent/api/event?timeout=soon", null, 400, "timeout"),
                Arguments.of("Agent: unknown route", "GET", "/agent/api/nothing-here", null, 404, "/agent/api/nothing-here"),
                Arguments.of("Agent: wrong method", "DELETE", "/agent/api/command", null, 405, "DELETE"),
                // A Subagent's API (the Director's counterpart)
                Arguments.of("Subagent: malformed JSON command", "POST", "/subagent/api/command", "{\"TYPE\":", 400, "JSON"),
                Arguments.of("Subagent: unknown command TYPE", "POST", "/subagent/api/command", "{\"TYPE\":\"FlyToTheMoon\"}", 400, "FlyToTheMoon"),
                Arguments.of("Subagent: KillProcess without taskId", "POST", "/subagent/api/command",
                        "{\"TYPE\":\"KillProcess\",\"orderId\":\"o\"}", 400, "taskId"),
                Arguments.of("Subagent: StartOrderProcess with an unknown executable", "POST", "/subagent/api/command",
                        "{\"TYPE\":\"StartOrderProcess\",\"orderId\":\"o\",\"taskId\":\"t\",\"launch\":{\"executable\":{\"TYPE\":\"Rocket\"}}}",
                        400, "Rocket"),
                Arguments.of("Subagent: ReleaseEvents without a number", "POST", "/subagent/api/command",
                        "{\"TYPE\":\"ReleaseEvents\",\"untilEventId\":\"soon\"}", 400, "untilEventId"),
                Arguments.of("Subagent: event stream with a bad parameter", "GET", "/subagent/api/event?after=abc", null, 400, "after"),
                Arguments.of("Subagent: unknown route", "GET", "/subagent/api/nothing-here", null, 404, "/subagent/api/nothing-here"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsAnsweredWithANamingProblem(String what, String method, String path, String body, int status, String named)
            throws Exception {
        HttpRequest.Builder request = request(method, path, body);
        HttpResponse<String> response = send(path.startsWith("/controller/") ? request.header("x-js7-session", token)
                : request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((TestSystem.USER + ":" + TestSystem.PASSWORD).getBytes())));
        assertProblem(response, status, named);
    }

    @Test
    void agentAndSubagentRejectBodiesOver8MbWith413AndRequestsWithoutCredentialsWith401() throws Exception {
        String big = "{\"TYPE\":\"NoOperation\",\"padding\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        String basic = "Basic " + Base64.getEncoder().encodeToString((TestSystem.USER + ":" + TestSystem.PASSWORD).getBytes());
        for (String path : java.util.List.of("/agent/api/command", "/subagent/api/command")) {
            assertProblem(send(request("POST", path, big).header("Authorization", basic)), 413, "larger than");
            assertProblem(send(request("POST", path, "{\"TYPE\":\"NoOperation\"}")), 401, "log in");
        }
    }

    @Test
    void bodyOver8MbIsRejectedWith413() throws Exception {
        String big = "{\"TYPE\":\"NoOperation\",\"padding\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = send(request("POST", "/controller/api/command", big).header("x-js7-session", token));
        assertProblem(response, 413, "larger than");
    }

    @Test
    void requestWithoutCredentialsIs401() throws Exception {
        assertProblem(send(request("GET", "/controller/api", null)), 401, "log in");
        assertProblem(send(request("POST", "/controller/api/command", "{\"TYPE\":\"NoOperation\"}")), 401, "log in");
    }

    @Test
    void expiredOrInventedSessionTokenIs401() throws Exception {
        assertProblem(send(request("GET", "/controller/api", null).header("x-js7-session", "invented")), 401, "session");
    }

    @Test
    void wrongPasswordIs401AfterADelay() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send(request("POST", "/controller/api/session",
                "{\"TYPE\":\"Login\",\"userAndPassword\":{\"userId\":\"" + TestSystem.USER + "\",\"password\":\"wrong\"}}"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertProblem(response, 401, "password");

        start = System.nanoTime();
        String basic = Base64.getEncoder().encodeToString((TestSystem.USER + ":wrong").getBytes());
        response = send(request("GET", "/controller/api", null).header("Authorization", "Basic " + basic));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertProblem(response, 401, "password");
    }

    @Test
    void theServerStillWorksAfterAllThat() throws Exception {
        HttpResponse<String> response = send(request("GET", "/controller/api", null).header("x-js7-session", token));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static HttpRequest.Builder request(String method, String path, String body) {
        String server = path.startsWith("/agent/") ? "http://127.0.0.1:" + system.agentPort
                : path.startsWith("/subagent/") ? "http://127.0.0.1:" + subagentPort
                : system.controllerUri();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(30));
        if (path.endsWith("/item")) {
            b.header("Content-Type", "application/x-ndjson");
        } else if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String named) {
        String body = response.body();
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        JsonNode json = EngineJson.parse(body).orThrow();
        assertThat(json.path("TYPE").asText()).isEqualTo("Problem");
        assertThat(json.path("message").asText()).as(body).containsIgnoringCase(named);
        assertThat(body).doesNotContain("Exception", "\tat ", ".java:");
    }
}
