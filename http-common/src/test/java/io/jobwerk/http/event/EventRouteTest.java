package io.jobwerk.http.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.http.server.WebServerConf;
import io.undertow.server.RoutingHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventRouteTest {

    final MemoryEventFeed feed = new MemoryEventFeed(5, Clock.systemUTC(), 0);
    EventRoute route;
    WebServer server;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        route = new EventRoute(feed, e -> "{\"eventId\":" + e.eventId() + ",\"Key\":\"" + e.keyedEvent().key().orElse("")
                + "\",\"TYPE\":\"" + e.keyedEvent().event().typeName() + "\"}");
        server = WebServer.start(WebServerConf.loopback(0), new RoutingHandler().get("/api/event", route::handle)
                .get("/api/ping", exchange -> exchange.getResponseSender().send("pong")));
    }

    @AfterEach
    void stop() {
        route.close(); // ends the long polls still open, as a server's close does: else the server waits for their timeout
        server.close();
    }

    private void addEvent(String orderId) {
        feed.add(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderStarted())));
    }

    private HttpResponse<java.io.InputStream> get(String query) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/event?" + query)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void manyWaitingFollowersDoNotStallOtherRequests() throws Exception {
        addEvent("a");
        List<java.net.Socket> followers = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) { // more than Undertow's default of 16 worker threads on a 2-core machine
                java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port());
                followers.add(socket);
                // A heartbeat each second: a write fails once the socket is closed, so the long poll ends with the test
                socket.getOutputStream().write(("GET /api/event?after=" + feed.lastEventId() + "&timeout=60&heartbeat=1 HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            Thread.sleep(500); // all waiting in their long polls
            HttpResponse<String> ping = client.sendAsync(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/ping")).build(), HttpResponse.BodyHandlers.ofString())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ping.body()).isEqualTo("pong");
        } finally {
            for (java.net.Socket socket : followers) {
                socket.close();
            }
        }
    }

    @Test
    void streamsEventsAsTheyAreCommittedBeforeTheTimeout() throws Exception {
        addEvent("a");
        var response = get("after=0&timeout=20");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-ndjson");
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).contains("\"Key\":\"a\"");
            long start = System.nanoTime();
            new Thread(() -> {
                sleep(300);
                addEvent("b");
            }).start();
            assertThat(reader.readLine()).contains("\"Key\":\"b\"");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void limitEndsTheStream() throws Exception {
        addEvent("a");
        addEvent("b");
        addEvent("c");
        var response = get("after=0&timeout=20&limit=2");
        List<String> lines = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("\"Key\":\"b\"");
    }

    @Test
    void afterAnEventOnlyLaterEventsCome() throws Exception {
        addEvent("a");
        long first = feed.lastEventId();
        addEvent("b");
        var response = get("after=" + first + "&timeout=0");
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body.lines().toList()).hasSize(1).allMatch(l -> l.contains("\"Key\":\"b\""));
    }

    @Test
    void heartbeatSendsEmptyLines() throws Exception {
        var response = get("timeout=1.2&heartbeat=0.3");
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).matches("\n+");
    }

    @Test
    void tornSequenceIs400() throws Exception {
        for (int i = 0; i < 7; i++) {
            addEvent("o" + i);
        }
        var response = get("after=0&timeout=0");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).contains("EventSeqTorn");
    }

    @Test
    void badQueryIs400() throws Exception {
        var response = get("after=x");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).contains("Invalid event query");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
