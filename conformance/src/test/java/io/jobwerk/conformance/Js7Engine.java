package io.jobwerk.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.shapes.Shape;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A real JS7 Controller over HTTP (as {@code ../shared/tools/js7/start.sh} starts it, user
 * {@code bench}): deploys signed with JS7's test signature {@code Silly}, reads the event stream.
 */
final class Js7Engine implements EngineUnderTest {

    private static final String SILLY = "MY-SILLY-SIGNATURE";

    private final String uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String session;
    private final List<BiConsumer<String, JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    Js7Engine(String uri) throws Exception {
        this.uri = uri;
        this.session = login();
        long after = currentEventId();
        reader = new Thread(() -> readEvents(after), "js7-events");
        reader.setDaemon(true);
        reader.start();
    }

    private String login() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            try {
                JsonNode r = post("/controller/api/session", "application/json",
                        "{\"TYPE\":\"Login\",\"userAndPassword\":{\"userId\":\"bench\",\"password\":\"bench\"}}", null);
                return r.get("sessionToken").textValue();
            } catch (Exception e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private long currentEventId() throws Exception {
        HttpResponse<String> r = http.send(request("/controller/api/event?timeout=0&limit=1").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long last = 0;
        for (String line : r.body().split("\n")) {
            if (!line.isBlank()) {
                last = Math.max(last, EngineJson.parse(line).orThrow().path("eventId").asLong());
            }
        }
        // after=0 may be torn; the first event suffices for registering items, orders come later
        return last;
    }

    /** Registers AGENT (and AGENT2 when {@code secondAgentUri} is given) with one Subagent each. */
    void registerAgents(String agentUri, Optional<String> secondAgentUri) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        ndjson.append(simple("{\"TYPE\":\"AgentRef\",\"path\":\"AGENT\",\"directors\":[\"SUBAGENT\"]}"));
        ndjson.append(simple("{\"TYPE\":\"SubagentItem\",\"id\":\"SUBAGENT\",\"agentPath\":\"AGENT\",\"uri\":\"" + agentUri + "\"}"));
        if (secondAgentUri.isPresent()) {
            ndjson.append(simple("{\"TYPE\":\"AgentRef\",\"path\":\"AGENT2\",\"directors\":[\"SUBAGENT2\"]}"));
            ndjson.append(simple("{\"TYPE\":\"SubagentItem\",\"id\":\"SUBAGENT2\",\"agentPath\":\"AGENT2\",\"uri\":\""
                    + secondAgentUri.get() + "\"}"));
        }
        post("/controller/api/item", "application/x-ndjson", ndjson.toString(), session);
    }

    private static String simple(String item) {
        return "{\"TYPE\":\"AddOrChangeSimple\",\"item\":" + item + "}\n";
    }

    @Override
    public void subscribe(BiConsumer<String, JsonNode> listener) {
        listeners.add(listener);
    }

    private void readEvents(long after) {
        long last = after;
        while (!closed) {
            try {
                HttpRequest req = request("/controller/api/event?after=" + last + "&timeout=5&delay=0").GET()
                        .timeout(Duration.ofSeconds(30)).build();
                HttpResponse<java.io.InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode e = EngineJson.parse(line).orThrow();
                        if (!e.has("eventId")) {
                            continue;
                        }
                        last = e.get("eventId").asLong();
                        String type = e.path("TYPE").asText();
                        if (type.startsWith("Order") && e.has("Key")) {
                            for (BiConsumer<String, JsonNode> l : listeners) {
                                l.accept(e.get("Key").textValue(), e);
                            }
                        }
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    System.err.println("JS7 event stream: " + e);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void deploy(Shape shape) throws Exception {
        StringBuilder ndjson = new StringBuilder("{\"TYPE\":\"AddVersion\",\"versionId\":\"" + shape.name() + "\"}\n");
        for (ObjectNode item : shape.simpleItems()) {
            ndjson.append(simple(EngineJson.print(item)));
        }
        for (ObjectNode workflow : shape.workflows()) {
            ObjectNode w = workflow.deepCopy();
            w.put("versionId", shape.name());
            ObjectNode op = EngineJson.MAPPER.createObjectNode();
            op.put("TYPE", "AddOrChangeSigned");
            ObjectNode signed = op.putObject("signedString");
            signed.put("string", EngineJson.print(w));
            ObjectNode signature = signed.putObject("signature");
            signature.put("TYPE", "Silly");
            signature.put("signatureString", SILLY);
            ndjson.append(EngineJson.print(op)).append('\n');
        }
        post("/controller/api/item", "application/x-ndjson", ndjson.toString(), session);
    }

    @Override
    public Optional<String> addOrder(ObjectNode freshOrder) throws Exception {
        HttpResponse<String> r = http.send(request("/controller/api/order")
                .POST(HttpRequest.BodyPublishers.ofString(EngineJson.print(freshOrder)))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() / 100 == 2 ? Optional.empty() : Optional.of("Problem: " + problemMessage(r.body()));
    }

    @Override
    public String execute(ObjectNode command) throws Exception {
        HttpResponse<String> r = http.send(request("/controller/api/command")
                .POST(HttpRequest.BodyPublishers.ofString(EngineJson.print(command)))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            return "Problem: " + problemMessage(r.body());
        }
        return EngineJson.parse(r.body()).orThrow().path("TYPE").asText("Accepted");
    }

    private static String problemMessage(String body) {
        return EngineJson.parse(body).map(j -> j.path("message").asText(body)).orElse(body);
    }

    @Override
    public Optional<JsonNode> position(String orderId) throws Exception {
        for (JsonNode o : orders()) {
            if (o.get("id").textValue().equals(orderId)) {
                return Optional.of(o.get("workflowPosition").get("position"));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<JsonNode> orders() throws Exception {
        HttpResponse<String> r = http.send(request("/controller/api/snapshot").GET().timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET snapshot: " + r.statusCode() + " " + r.body());
        }
        List<JsonNode> orders = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.contains("\"Order\"")) {
                JsonNode j = EngineJson.parse(line).orThrow();
                if (j.path("TYPE").asText().equals("Order")) {
                    orders.add(j);
                }
            }
        }
        return orders;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/x-ndjson");
        if (session != null) {
            b.header("x-js7-session", session);
        }
        return b;
    }

    private JsonNode post(String path, String contentType, String body, String session) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("x-js7-session", session);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return EngineJson.parse(r.body().isBlank() ? "{}" : r.body()).orThrow();
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
