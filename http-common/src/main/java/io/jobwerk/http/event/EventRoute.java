package io.jobwerk.http.event;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.jobwerk.scheduler.RealScheduler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET …/api/event?after=ID&timeout=S&limit=N&heartbeat=S}: the event stream as NDJSON, one
 * stamped event per line, written and flushed as soon as events are committed (those committed within
 * 2 ms of the previous write wait until then, so a busy stream sends fewer, larger pieces), until {@code timeout}
 * seconds have passed or {@code limit} events were sent. Without {@code after} the stream starts at
 * the current end. With {@code heartbeat}, an empty line is sent after that many seconds of silence.
 * {@code after} before the oldest kept event answers 400 {@code EventSeqTorn}.
 */
public final class EventRoute {

    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    // A stream checks for close this often, so a server stops without waiting for long-polls to end.
    private static final long CLOSE_CHECK_NANOS = 200_000_000L;
    // Events committed within this time after the previous write are sent together, that much later.
    private static final long COALESCE_NANOS = 2_000_000L;

    private final EventFeed feed;
    private final Function<Stamped<? extends Event>, String> encode;
    private volatile boolean closed;

    /** {@code encode} writes one event as a JSON line (without newline). */
    public EventRoute(EventFeed feed, Function<Stamped<? extends Event>, String> encode) {
        this.feed = feed;
        this.encode = encode;
    }

    /** Ends every open stream within a fraction of a second (before the web server stops). */
    /** Serves the events at {@code path} (a {@code GET}) to any valid user. */
    public io.undertow.server.RoutingHandler addTo(io.undertow.server.RoutingHandler routes, String path, io.jobwerk.http.auth.Authentication auth) {
        return routes.get(path, auth.require(io.jobwerk.http.auth.Permission.ValidUser, (ex, user) -> handle(ex)));
    }

    public void close() {
        closed = true;
    }

    public void handle(HttpServerExchange exchange) throws IOException, InterruptedException {
        Checked<Request> parsed = Exchanges.queryParameters(exchange).flatMap(query -> Request.parse(query, feed.lastEventId()));
        if (parsed.isFail()) {
            Exchanges.respondProblem(exchange, parsed.problemOption().orElseThrow());
            return;
        }
        Request request = parsed.orThrow();
        Checked<List<Stamped<? extends Event>>> first = feed.read(request.after(), request.limit());
        if (first.isFail()) {
            Exchanges.respondProblem(exchange, first.problemOption().orElseThrow());
            return;
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Exchanges.NDJSON);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        try {
            stream(exchange.getOutputStream(), request, first.orThrow());
        } catch (IOException e) {
            // The client went away (a follower stopped, Ctrl-C, the server closes): nothing is lost, it resumes with after=.
            exchange.endExchange();
        }
    }

    private void stream(OutputStream out, Request request, List<Stamped<? extends Event>> firstBatch) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        long after = request.after();
        int sent = 0;
        List<Stamped<? extends Event>> batch = firstBatch;
        long lastWrite = System.nanoTime();
        while (true) {
            if (!batch.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (Stamped<? extends Event> e : batch) {
                    sb.append(encode.apply(e)).append('\n');
                    after = e.eventId();
                    sent++;
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastWrite = System.nanoTime();
            }
            if (sent >= request.limit() || closed) {
                break;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            long wait = remaining;
            if (request.heartbeat() != null) {
                long untilHeartbeat = lastWrite + request.heartbeat().toNanos() - System.nanoTime();
                if (untilHeartbeat <= 0) {
                    out.write('\n');
                    out.flush();
                    lastWrite = System.nanoTime();
                    untilHeartbeat = request.heartbeat().toNanos();
                }
                wait = Math.min(wait, untilHeartbeat);
            }
            if (!feed.await(after, Duration.ofNanos(Math.max(Math.min(wait, CLOSE_CHECK_NANOS), 1)))) {
                batch = List.of();
                continue;
            }
            long sinceWrite = System.nanoTime() - lastWrite;
            if (sinceWrite < COALESCE_NANOS) {
                // Events follow each other closely (e.g. process ends, one keeper round each): let a few
                // more come, so the reader gets and persists them together instead of one small batch each.
                // Real time, as the feed's waits: a long poll is a real connection.
                RealScheduler.instance().sleep(Duration.ofNanos(COALESCE_NANOS - sinceWrite));
            }
            Checked<List<Stamped<? extends Event>>> next = feed.read(after, request.limit() - sent);
            if (next.isFail()) {
                break; // torn while streaming: the client resumes and gets the problem then
            }
            batch = next.orThrow();
        }
        out.close();
    }

    record Request(long after, Duration timeout, int limit, Duration heartbeat) {

        static Checked<Request> parse(Map<String, Deque<String>> query, long currentEnd) {
            try {
                long after = query.containsKey("after") ? Long.parseLong(query.get("after").getFirst()) : currentEnd;
                Duration timeout = query.containsKey("timeout") ? seconds(query.get("timeout").getFirst()) : Duration.ZERO;
                if (timeout.compareTo(MAX_TIMEOUT) > 0) {
                    timeout = MAX_TIMEOUT;
                }
                int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit").getFirst()) : Integer.MAX_VALUE;
                Duration heartbeat = query.containsKey("heartbeat") ? seconds(query.get("heartbeat").getFirst()) : null;
                if (after < 0 || limit < 1 || timeout.isNegative() || (heartbeat != null && heartbeat.isZero())) {
                    throw new IllegalArgumentException();
                }
                return Checked.ok(new Request(after, timeout, limit, heartbeat));
            } catch (IllegalArgumentException | ArithmeticException e) {
                return Checked.fail(Problem.of("BadRequest",
                        "Invalid event query: after must be an event id (≥ 0), timeout and heartbeat seconds (heartbeat > 0), limit ≥ 1"));
            }
        }

        private static Duration seconds(String s) {
            return Duration.ofNanos(new java.math.BigDecimal(s).movePointRight(9).longValueExact());
        }
    }
}
