package io.jobwerk.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ProblemJson;
import io.jobwerk.http.protocol.PathSegment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A client of a Jobwerk (or JS7) engine API: Controller ({@code /controller/api}), Agent Director
 * ({@code /agent/api}) or Subagent ({@code /subagent/api}). Logs in once and sends the session token
 * with every request. Problems from the server, connection failures and timeouts come back as
 * {@link Problem}s, never as exceptions: {@code ConnectionRefused} when nothing listens at the
 * address (the peer's process is gone), {@code ConnectionFailed} for other I/O failures.
 */
public final class EngineClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType NDJSON = MediaType.get("application/x-ndjson; charset=utf-8");

    private final String apiUri;
    private final String userId;
    private final String password;
    private final OkHttpClient http;
    // The same connections, without OkHttp's silent resend of a request whose connection failed.
    private final OkHttpClient once;
    private volatile String sessionToken;

    /** @param apiUri e.g. {@code http://127.0.0.1:4444/controller/api} (see {@link #checkedApiUri}) */
    public EngineClient(String apiUri, String userId, String password) {
        this.apiUri = apiUri.endsWith("/") ? apiUri.substring(0, apiUri.length() - 1) : apiUri;
        this.userId = userId;
        this.password = password;
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (this.apiUri.regionMatches(true, 0, "http://", 0, 7)) {
            // no TLS for a plain http:// peer: else OkHttp loads the platform's trust store (cacerts, ~100 classes) as
            // it is built, on the way of a server's start
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        this.http = builder
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(90))
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(true)
                .build();
        this.once = http.newBuilder().retryOnConnectionFailure(false).build();
    }

    /**
     * {@code apiUri} as a client takes it (without a trailing slash), or {@code InvalidUri} saying
     * why not: an absolute {@code http://} or {@code https://} URL is needed.
     */
    public static Checked<String> checkedApiUri(String apiUri) {
        String uri = apiUri.endsWith("/") ? apiUri.substring(0, apiUri.length() - 1) : apiUri;
        try {
            HttpUrl.get(uri);
            return Checked.ok(uri);
        } catch (IllegalArgumentException e) {
            return Checked.fail(Problem.of("InvalidUri", "Invalid URI '" + apiUri + "': " + e.getMessage()));
        }
    }

    public String apiUri() {
        return apiUri;
    }

    /** Logs in (again); later requests carry the new token. */
    public Checked<String> login() {
        var body = EngineJson.MAPPER.createObjectNode().put("TYPE", "Login");
        body.putObject("userAndPassword").put("userId", userId).put("password", password);
        Checked<JsonNode> response = call(post("/session", JSON, EngineJson.print(body)), false);
        return response.flatMap(json -> json.path("sessionToken").isTextual()
                ? Checked.ok(sessionToken = json.get("sessionToken").asText())
                : Checked.fail(Problem.of("BadResponse", "Login response without sessionToken")));
    }

    /** {@code GET} of {@code apiUri + path}; {@code path} (e.g. {@code /snapshot}) is taken as URL text, not encoded. */
    public Checked<JsonNode> get(String path) {
        return call(new Request.Builder().url(apiUri + path).get(), true);
    }

    /**
     * {@code GET} of {@code apiUri} followed by {@code pathSegments}, each one segment whatever it holds
     * ({@link PathSegment}), e.g. {@code List.of("order", orderId.string(), "obstacles")} for an order id
     * with {@code #}, {@code /} or {@code ?}. A segment {@code .} or {@code ..} cannot be sent and is an
     * {@code InvalidPathSegment} problem, as is an {@code apiUri} that is not a URL.
     */
    public Checked<JsonNode> get(List<String> pathSegments) {
        return url(pathSegments).flatMap(url -> call(new Request.Builder().url(url).get(), true));
    }

    /** Like {@link #get(List)}, with query parameters (encoded here), e.g. the history's filters. */
    public Checked<JsonNode> get(List<String> pathSegments, java.util.Map<String, String> query) {
        return url(pathSegments).flatMap(url -> {
            HttpUrl.Builder withQuery = url.newBuilder();
            query.forEach(withQuery::addQueryParameter);
            return call(new Request.Builder().url(withQuery.build()).get(), true);
        });
    }

    /** Like {@link #get(List)} for a plain-text answer (e.g. an order's log). */
    public Checked<String> getText(List<String> pathSegments) {
        return url(pathSegments).flatMap(url -> callText(new Request.Builder().url(url).header("Accept", "text/plain").get()));
    }

    private Checked<HttpUrl> url(List<String> pathSegments) {
        HttpUrl base = HttpUrl.parse(apiUri);
        if (base == null) {
            return Checked.fail(Problem.of("InvalidUri", "Invalid URI '" + apiUri + "'"));
        }
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : pathSegments) {
            if (PathSegment.isDotSegment(segment)) {
                return Checked.fail(Problem.of("InvalidPathSegment",
                        "'" + segment + "' cannot be sent as a segment of a URL path (" + apiUri + "/" + String.join("/", pathSegments) + ")"));
            }
            url.addEncodedPathSegment(PathSegment.encode(segment));
        }
        return Checked.ok(url.build());
    }

    /** {@code GET} of an NDJSON answer (e.g. {@code /snapshot}): one JSON value per non-blank line. */
    public Checked<java.util.List<JsonNode>> getNdjson(String path) {
        return callText(new Request.Builder().url(apiUri + path).header("Accept", "application/x-ndjson").get()).flatMap(text -> {
            java.util.List<JsonNode> list = new java.util.ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    Checked<JsonNode> json = EngineJson.parse(line);
                    if (json.isFail()) {
                        return Checked.fail(json.problemOption().orElseThrow());
                    }
                    list.add(json.orThrow());
                }
            }
            return Checked.ok(list);
        });
    }

    public Checked<JsonNode> postJson(String path, JsonNode body) {
        return call(post(path, JSON, EngineJson.print(body)), true);
    }

    public Checked<JsonNode> postNdjson(String path, String ndjson) {
        return call(post(path, NDJSON, ndjson), true);
    }

    /**
     * {@code POST …/command}, for idempotent commands: when a reused (kept-alive) connection fails
     * after the request was written, OkHttp silently sends it again on a new connection
     * ({@code retryOnConnectionFailure}), so the server may receive it twice.
     */
    public Checked<JsonNode> command(JsonNode command) {
        return postJson("/command", command);
    }

    /**
     * {@code POST …/command} at most once, for commands that are not idempotent (e.g. {@code Reset},
     * {@code ResetSubagent}): a connection failing after the request may have been written is a
     * {@code ConnectionFailed} problem, never a silent resend. Logging in first may still be retried.
     */
    public Checked<JsonNode> commandOnce(JsonNode command) {
        return callText(post("/command", JSON, EngineJson.print(command)), once)
                .flatMap(EngineClient::parseBody);
    }

    /**
     * Reads the event stream {@code GET …/event?after=…&timeout=…} line by line, calling
     * {@code onEvent} for each event as it arrives (heartbeat lines are skipped), until the server
     * ends the stream or {@code onEvent} returns false. Returns the last event id seen.
     */
    public Checked<Long> readEvents(long after, Duration timeout, Predicate<JsonNode> onEvent) {
        return readEvents(after, timeout, new EventStreamHandle(), onEvent);
    }

    /** {@link #readEvents}, ended at once when {@code handle} is cancelled (see {@link EventStreamHandle}). */
    public Checked<Long> readEvents(long after, Duration timeout, EventStreamHandle handle, Predicate<JsonNode> onEvent) {
        return readEventBatches(after, timeout, 1, handle, batch -> onEvent.test(batch.get(0)));
    }

    /**
     * Reads the event stream as {@link #readEvents} does, but hands on the events in batches: all
     * lines already received (at most {@code maxBatch}) go to {@code onBatch} at once, so a
     * consumer can persist them together; it never waits for more lines to fill a batch.
     */
    public Checked<Long> readEventBatches(long after, Duration timeout, int maxBatch, Predicate<List<JsonNode>> onBatch) {
        return readEventBatches(after, timeout, maxBatch, new EventStreamHandle(), onBatch);
    }

    /**
     * {@link #readEventBatches(long, Duration, int, Predicate)}, ended at once when {@code handle} is
     * cancelled: then the result is the last event id handed on, as when the server ends the stream.
     */
    public Checked<Long> readEventBatches(long after, Duration timeout, int maxBatch, EventStreamHandle handle,
                                         Predicate<List<JsonNode>> onBatch) {
        String url = apiUri + "/event?after=" + after + "&timeout=" + timeout.toMillis() / 1000.0 + "&heartbeat=5";
        OkHttpClient streaming = http.newBuilder().readTimeout(timeout.plusSeconds(30)).build();
        long last = after;
        for (int attempt = 0; attempt < 2; attempt++) {
            Request request = authorized(new Request.Builder().url(url).get()).build();
            Call call = streaming.newCall(request);
            if (!handle.attach(call)) {
                return Checked.ok(last);
            }
            try (Response response = execute(call)) {
                if (response.code() == 401 && attempt == 0) {
                    Checked<String> relogin = login();
                    if (relogin.isFail()) {
                        return Checked.fail(relogin.problemOption().orElseThrow());
                    }
                    continue;
                }
                ResponseBody body = response.body();
                if (!response.isSuccessful()) {
                    return Checked.fail(problem(response.code(), body.string()));
                }
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(body.byteStream(), StandardCharsets.UTF_8), 65536)) {
                    List<JsonNode> batch = new ArrayList<>();
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (!line.isBlank()) {
                            Checked<JsonNode> json = EngineJson.parse(line);
                            if (json.isFail()) {
                                return Checked.fail(json.problemOption().orElseThrow());
                            }
                            batch.add(json.orThrow());
                        }
                        // ready(): more is buffered or readable without blocking
                        if (!batch.isEmpty() && (batch.size() >= maxBatch || !reader.ready())) {
                            last = batch.get(batch.size() - 1).path("eventId").asLong(last);
                            boolean more = onBatch.test(List.copyOf(batch));
                            batch.clear();
                            if (!more) {
                                break;
                            }
                        }
                    }
                }
                return Checked.ok(last);
            } catch (IOException e) {
                if (handle.isCancelled()) {
                    return Checked.ok(last);
                }
                return Checked.fail(Problem.of(connectionProblemCode(e), "Event stream of " + apiUri + " failed: " + describe(e)));
            }
        }
        return Checked.fail(Problem.of("Unauthenticated", "Login to " + apiUri + " failed"));
    }

    private Request.Builder post(String path, MediaType type, String body) {
        return new Request.Builder().url(apiUri + path).post(RequestBody.create(body, type));
    }

    private Request.Builder authorized(Request.Builder builder) {
        String token = sessionToken;
        return token == null ? builder : builder.header("x-js7-session", token);
    }

    private Checked<JsonNode> call(Request.Builder builder, boolean authenticated) {
        return authenticated
                ? callText(builder).flatMap(EngineClient::parseBody)
                : callUnauthenticated(builder);
    }

    /** An answer's JSON; an empty body (e.g. of a command answered with 200 and nothing) is an empty object. */
    private static Checked<JsonNode> parseBody(String text) {
        return text.isBlank() ? Checked.ok(EngineJson.MAPPER.createObjectNode()) : EngineJson.parse(text);
    }

    private Checked<JsonNode> callUnauthenticated(Request.Builder builder) {
        Request request = builder.build();
        try (Response response = execute(http.newCall(request))) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                return Checked.fail(problem(response.code(), text));
            }
            return parseBody(text);
        } catch (IOException e) {
            return Checked.fail(Problem.of(connectionProblemCode(e), request.method() + " " + request.url() + " failed: " + describe(e)));
        }
    }

    /** An authenticated request (logging in first or again on 401); the body of a successful answer. */
    private Checked<String> callText(Request.Builder builder) {
        return callText(builder, http);
    }

    private Checked<String> callText(Request.Builder builder, OkHttpClient client) {
        return callAnswer(builder, client).map(TextAnswer::text);
    }

    /** A plain-text answer with its headers (names in lower case, the first value of each). */
    public record TextAnswer(String text, java.util.Map<String, String> headers) {
        public TextAnswer {
            headers = java.util.Map.copyOf(headers);
        }

        public java.util.Optional<String> header(String name) {
            return java.util.Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** Like {@link #getText(List)}, with the answer's headers (e.g. up to which event a log was read). */
    public Checked<TextAnswer> getTextAnswer(List<String> pathSegments) {
        return url(pathSegments).flatMap(url -> callAnswer(new Request.Builder().url(url).header("Accept", "text/plain").get(), http));
    }

    private Checked<TextAnswer> callAnswer(Request.Builder builder, OkHttpClient client) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (sessionToken == null) {
                Checked<String> token = login();
                if (token.isFail()) {
                    return Checked.fail(token.problemOption().orElseThrow());
                }
            }
            Request request = authorized(builder).build();
            try (Response response = execute(client.newCall(request))) {
                String text = response.body().string();
                if (response.code() == 401 && attempt == 0) {
                    sessionToken = null;
                    continue;
                }
                if (!response.isSuccessful()) {
                    return Checked.fail(problem(response.code(), text));
                }
                java.util.Map<String, String> headers = new java.util.HashMap<>();
                for (String name : response.headers().names()) {
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), response.header(name));
                }
                return Checked.ok(new TextAnswer(text, headers));
            } catch (IOException e) {
                return Checked.fail(Problem.of(connectionProblemCode(e), request.method() + " " + request.url() + " failed: " + describe(e)));
            }
        }
        return Checked.fail(Problem.of("Unauthenticated", "Login to " + apiUri + " failed"));
    }

    /**
     * The call's answer. An interrupt while OkHttp waits for its connection attempts (its fast
     * fallback) escapes as the InterruptedException itself, undeclared (Kotlin has no checked
     * exceptions); here it is an {@link InterruptedIOException} like an interrupt anywhere else, so a
     * thread being closed ends with a failed call instead of an uncaught exception.
     */
    private static Response execute(Call call) throws IOException {
        try {
            return call.execute();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                InterruptedIOException io = new InterruptedIOException("interrupted while connecting");
                io.initCause(e);
                throw io;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The exception's message, or its kind where it has none (an ended stream says {@code null}). */
    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * {@code ConnectionRefused} only when nothing listens (the peer's process is gone); an unreachable
     * network or a timeout is {@code ConnectionFailed}, since the peer may still be running.
     */
    private static String connectionProblemCode(IOException e) {
        if (!(e instanceof java.net.ConnectException)) {
            return "ConnectionFailed";
        }
        // OkHttp says "Failed to connect to …" and keeps the socket's reason in the causes (and suppressed).
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (mentionsRefused(t)) {
                return "ConnectionRefused";
            }
            for (Throwable s : t.getSuppressed()) {
                if (mentionsRefused(s)) {
                    return "ConnectionRefused";
                }
            }
        }
        return "ConnectionFailed";
    }

    private static boolean mentionsRefused(Throwable t) {
        return String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("refused");
    }

    private static Problem problem(int status, String body) {
        return EngineJson.parse(body).flatMap(ProblemJson::decode)
                .orElse(Problem.of("HttpError", "HTTP " + status + ": " + (body.length() > 500 ? body.substring(0, 500) : body)));
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            http.dispatcher().executorService().awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
