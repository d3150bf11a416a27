package io.jobwerk.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ProblemJson;
import io.jobwerk.http.protocol.PathSegment;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading requests and writing JSON responses in blocking handlers. Every route answers JSON;
 * problems are {@code {"TYPE":"Problem","code":…,"message":…}} with the status {@link HttpProblems} gives.
 */
public final class Exchanges {
    private Exchanges() {}

    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";

    /** The server's body limit ({@link WebServerConf#maxBodyBytes}), set on each exchange by {@link WebServer}. */
    static final AttachmentKey<Long> BODY_LIMIT = AttachmentKey.create(Long.class);

    /**
     * The request body as UTF-8, or {@code PayloadTooLarge} beyond the server's limit. A too large
     * body is still read to its end (up to {@link WebServer}'s hard limit) and discarded, so the
     * client, still sending, receives the 413 instead of a broken connection.
     */
    public static Checked<String> readBody(HttpServerExchange exchange) {
        Long attached = exchange.getAttachment(BODY_LIMIT);
        long limit = attached != null ? attached : exchange.getMaxEntitySize();
        try (InputStream in = exchange.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total <= limit) {
                    out.write(buffer, 0, n);
                }
            }
            return total > limit ? tooLarge(limit) : Checked.ok(out.toString(StandardCharsets.UTF_8));
        } catch (RequestTooBigException e) {
            return tooLarge(limit);
        } catch (IOException e) {
            if (isTooBig(e)) {
                return tooLarge(limit);
            }
            return Checked.fail(Problem.of("BadRequest", "Cannot read the request body: " + e.getMessage()));
        }
    }

    private static <T> Checked<T> tooLarge(long limit) {
        return Checked.fail(Problem.of("PayloadTooLarge", "The request body is larger than " + limit + " bytes"));
    }

    private static boolean isTooBig(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestTooBigException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The parameter {@code name} of the route's path template (e.g. {@code {orderId}}), decoded
     * ({@link PathSegment#decode}); {@code BadRequest} when it is not properly percent-encoded.
     */
    public static Checked<String> pathParameter(HttpServerExchange exchange, String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String raw = match == null ? null : match.getParameters().get(name);
        if (raw == null) {
            throw new IllegalArgumentException("The route has no path parameter " + name);
        }
        return PathSegment.decode(raw);
    }

    /**
     * The query parameters, decoded as {@code application/x-www-form-urlencoded} ({@code +} is a
     * space, {@code %XX} UTF-8 bytes); {@code BadRequest} for a malformed escape.
     */
    public static Checked<Map<String, Deque<String>>> queryParameters(HttpServerExchange exchange) {
        Map<String, Deque<String>> decoded = new LinkedHashMap<>();
        try {
            for (String pair : exchange.getQueryString().split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    decoded.computeIfAbsent(name, n -> new ArrayDeque<>()).add(value);
                }
            }
        } catch (IllegalArgumentException e) {
            return Checked.fail(Problem.of("BadRequest", "Invalid query string '" + exchange.getQueryString() + "': " + e.getMessage()));
        }
        return Checked.ok(decoded);
    }

    /** The request body parsed as JSON. */
    public static Checked<JsonNode> readJson(HttpServerExchange exchange) {
        return readBody(exchange).flatMap(body -> body.isBlank()
                ? Checked.fail(Problem.of("BadRequest", "The request body is empty; a JSON document is expected"))
                : EngineJson.parse(body));
    }

    public static void respondJson(HttpServerExchange exchange, int status, JsonNode json) {
        respond(exchange, status, JSON, EngineJson.print(json));
    }

    public static void respondProblem(HttpServerExchange exchange, Problem problem) {
        respondJson(exchange, HttpProblems.status(problem), ProblemJson.encode(problem));
    }

    /** Writes {@code checked}'s value with status 200, or its problem. */
    public static <T> void respond(HttpServerExchange exchange, Checked<T> checked, java.util.function.Function<T, JsonNode> encode) {
        if (checked instanceof Checked.Ok<T> ok) {
            respondJson(exchange, 200, encode.apply(ok.value()));
        } else {
            respondProblem(exchange, checked.problemOption().orElseThrow());
        }
    }

    public static void respond(HttpServerExchange exchange, int status, String contentType, String body) {
        if (exchange.isResponseStarted()) {
            return;
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType.startsWith("text/") || contentType.contains("json")
                ? contentType + (contentType.contains("charset") ? "" : "; charset=utf-8") : contentType);
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }
}
