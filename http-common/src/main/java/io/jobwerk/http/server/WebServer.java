package io.jobwerk.http.server;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.base.ProblemException;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Undertow server with the house rules: every handler runs on a worker thread in blocking mode,
 * the URL is not decoded before routing (path parameters are single segments as {@link
 * io.jobwerk.http.protocol.PathSegment} encodes them; handlers decode them with
 * {@link Exchanges#pathParameter}, query parameters with {@link Exchanges#queryParameters}),
 * unknown routes answer a 404 problem, a wrong method a 405 problem, bodies over the limit 413, and
 * an unexpected exception a 500 problem without stack trace (the trace goes to the log).
 */
public final class WebServer implements AutoCloseable {

    /** The most requests served at once, long polls of event streams included. */
    private static final int WORKER_THREADS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Undertow undertow;
    private final int port;

    private WebServer(Undertow undertow, int port) {
        this.undertow = undertow;
        this.port = port;
    }

    /** Starts listening; when that fails, runs {@code onFailure} (closing what the server was to serve) and throws. */
    public static WebServer start(WebServerConf conf, RoutingHandler routes, Runnable onFailure) {
        try {
            return start(conf, routes);
        } catch (RuntimeException e) {
            onFailure.run();
            throw e;
        }
    }

    /**
     * Starts listening; the routes' handlers may block. A port in use or an unknown host is a
     * {@link ProblemException} ({@code CannotListen}) naming host and port.
     */
    public static WebServer start(WebServerConf conf, RoutingHandler routes) {
        routes.setFallbackHandler(exchange -> Exchanges.respondProblem(exchange,
                Problem.of("NoSuchRoute", "No such route: " + exchange.getRequestMethod() + " " + exchange.getRequestPath())));
        routes.setInvalidMethodHandler(exchange -> Exchanges.respondProblem(exchange,
                Problem.of("MethodNotAllowed", "Method " + exchange.getRequestMethod() + " is not allowed for " + exchange.getRequestPath())));
        HttpHandler root = new BlockingHandler(guarded(exchange -> {
            exchange.putAttachment(Exchanges.BODY_LIMIT, conf.maxBodyBytes());
            routes.handleRequest(exchange);
        }));
        Undertow undertow = Undertow.builder()
                .addHttpListener(conf.port(), conf.host())
                // An event stream's long poll holds a worker thread for its timeout (up to minutes): Undertow's
                // default of 8 per core (16 here) let 16 followers stall every command. Idle threads cost little.
                .setWorkerThreads(WORKER_THREADS)
                // Bodies up to 4 x the limit are read and discarded to answer 413 cleanly (Exchanges.readBody);
                // beyond that Undertow cuts the connection.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, conf.maxBodyBytes() > Long.MAX_VALUE / 4
                        ? Long.MAX_VALUE : conf.maxBodyBytes() * 4)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
                // Routes match the path as sent; handlers decode parameters (Exchanges.pathParameter, queryParameters).
                // Undertow's decoding would route a decoded '?' nowhere and keep '%2F' encoded, so 'a/b' and a literal
                // 'a%2Fb' would be the same order id.
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setHandler(root)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            undertow.stop(); // its worker threads were started before the bind
            if (e.getCause() instanceof java.net.BindException bind) {
                throw new ProblemException(Problem.of("CannotListen", "Cannot listen on " + conf.host() + ":" + conf.port() + ": "
                        + bind.getMessage() + (conf.port() == 0 ? "" : " (another process may have the port; choose another with --port)")));
            }
            if (e.getCause() instanceof java.net.UnknownHostException) {
                throw new ProblemException(Problem.of("CannotListen", "Cannot listen on " + conf.host() + ":" + conf.port()
                        + ": unknown host " + conf.host() + " (choose another with --host)"));
            }
            throw e;
        }
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        return new WebServer(undertow, port);
    }

    private static HttpHandler guarded(HttpHandler next) {
        return exchange -> {
            try {
                next.handleRequest(exchange);
            } catch (java.util.concurrent.TimeoutException e) {
                Exchanges.respondProblem(exchange, Problem.of("ServiceUnavailable",
                        "The server did not complete " + exchange.getRequestPath() + " in time; try again"));
            } catch (Exception | StackOverflowError e) {
                respondInternalError(exchange, e);
            }
        };
    }

    private static void respondInternalError(HttpServerExchange exchange, Throwable e) {
        LOG.error("Error in " + exchange.getRequestMethod() + " " + exchange.getRequestPath(), e);
        Exchanges.respondProblem(exchange, Problem.of("InternalError",
                "Internal error while handling " + exchange.getRequestPath() + "; the server log has the details"));
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
