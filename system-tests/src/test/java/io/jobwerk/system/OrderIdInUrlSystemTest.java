package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.OrderEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An order id is one path segment of the Controller's and the Agent's URLs whatever it holds: a
 * FileWatch order's {@code #DATE#F…}, {@code ?}, {@code /}, {@code %}, {@code ;}, spaces, letters
 * beyond ASCII. Over real HTTP on loopback: this test to the Controller, the Controller's
 * {@code AgentDriver} to the Agent.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OrderIdInUrlSystemTest {

    private static final long TIMEOUT_MS = 60_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("test:test-pass-1".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path data;

    static InProcessSystem system;
    static String plainObstacles;

    @BeforeAll
    static void start() throws Exception {
        system = InProcessSystem.start(data);
        // Nothing listens on port 1: the orders wait at the Agent, which knows why (their obstacles);
        // with the process limit above the number of orders, each one is tried and has its obstacle.
        WaitingOrders.deployPinnedToAnUnreachableSubagent(system);
        plainObstacles = addAndAskObstacles("plain");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"#2026-11-22#F1-incoming/file 1.csv", "#2026-11-22#P0000000001-daily?x=1&y=2", "a/b", "../x", "100%",
            "%2F", "a%20b", "semi;colon", "Grüße-ñ-✓", "plus+sign", "back\\slash", "[brackets]{braces}<angle>\"quote\"", "..."})
    void orderWithAnyIdIsFoundAndItsObstaclesComeFromTheAgent(String id) throws Exception {
        String obstacles = addAndAskObstacles(id);

        assertThat(obstacles).isEqualTo(plainObstacles);
        HttpResponse<String> order = get("/controller/api/order/" + segment(id));
        assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
        assertThat(EngineJson.parse(order.body()).orThrow().path("id").asText()).isEqualTo(id);
    }

    /** Adds the order over HTTP, follows its Location, waits until it is at the Agent, returns its obstacles. */
    private static String addAndAskObstacles(String id) throws Exception {
        String body = EngineJson.print(EngineJson.MAPPER.createObjectNode().put("id", id).put("workflowPath", "pinned"));
        HttpResponse<String> added = HTTP.send(request("/controller/api/order")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String location = added.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> order = get(location);
        assertThat(order.statusCode()).as(location + ": " + order.body()).isEqualTo(200);
        assertThat(EngineJson.parse(order.body()).orThrow().path("id").asText()).isEqualTo(id);

        system.awaitEvent(id, e -> e instanceof OrderEvent.OrderAttached, TIMEOUT_MS);
        // The Agent names the obstacle once it has seen that the Subagent is not available.
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        HttpResponse<String> obstacles;
        do {
            obstacles = get("/controller/api/order/" + segment(id) + "/obstacles");
        } while (obstacles.statusCode() == 200 && obstacles.body().equals("[]") && System.currentTimeMillis() < deadline
                && sleep(20));
        assertThat(obstacles.statusCode()).as(obstacles.body()).isEqualTo(200);
        JsonNode json = EngineJson.parse(obstacles.body()).orThrow();
        assertThat(json.isArray()).as(obstacles.body()).isTrue();
        assertThat(json).as("the Agent knows why the order waits").isNotEmpty();
        return obstacles.body();
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    /** Percent-encoded as UTF-8, everything but letters, digits and {@code -._~} (RFC 3986's unreserved characters). */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(system.standalone().controllerUri() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", BASIC);
    }
}
