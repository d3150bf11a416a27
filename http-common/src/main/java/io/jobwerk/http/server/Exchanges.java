package io.jobwerk.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ProblemJson;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reading requests and writing JSON responses in blocking handlers. Every route answers JSON;
 * problems are {@code {"TYPE":"Problem","code":…,"message":…}} with the status {@link HttpProblems} gives.
 */
public final class Exchanges {
    private Exchanges() {}

    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";

    /** The request body as UTF-8, or {@code PayloadTooLarge} beyond the server's limit. */
    public static Checked<String> readBody(HttpServerExchange exchange) {
        try (InputStream in = exchange.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return Checked.ok(out.toString(StandardCharsets.UTF_8));
        } catch (RequestTooBigException e) {
            return Checked.fail(Problem.of("PayloadTooLarge", "The request body is larger than "
                    + exchange.getMaxEntitySize() + " bytes"));
        } catch (IOException e) {
            if (isTooBig(e)) {
                return Checked.fail(Problem.of("PayloadTooLarge", "The request body is larger than "
                        + exchange.getMaxEntitySize() + " bytes"));
            }
            return Checked.fail(Problem.of("BadRequest", "Cannot read the request body: " + e.getMessage()));
        }
    }

    private static boolean isTooBig(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestTooBigException) {
                return true;
            }
        }
        return false;
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
