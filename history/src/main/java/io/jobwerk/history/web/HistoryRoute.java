package io.jobwerk.history.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.history.HistoryPage;
import io.jobwerk.history.HistoryQueries;
import io.jobwerk.history.HistoryService;
import io.jobwerk.history.OrderQuery;
import io.jobwerk.history.OrderRow;
import io.jobwerk.history.TaskQuery;
import io.jobwerk.history.TaskRow;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The history's HTTP API under {@code /controller/api/history}, for any valid user (as the other
 * read routes):
 * <ul>
 *   <li>{@code GET orders?workflowPath=&state=&from=&to=&limit=&offset=} →
 *       {@code {"total", "orders": [{"orderId", "workflowPath", "versionId", "state", "position", "addedAt",
 *       "scheduledFor", "startedAt", "endedAt", "children": […]}]}}, top-level orders newest first;</li>
 *   <li>{@code GET tasks?orderId=&workflowPath=&jobName=&agentPath=&from=&to=&limit=&offset=} →
 *       {@code {"total", "tasks": [{"taskId", "orderId", "workflowPath", "versionId", "position", "jobName",
 *       "agentPath", "subagentId", "returnCode", "outcome", "message", "startedAt", "endedAt"}]}}, newest first;</li>
 *   <li>{@code GET log/{orderId}} → {@code text/plain}: the order's whole log, with the header
 *       {@value #EVENT_ID_HEADER} naming the last event it holds.</li>
 * </ul>
 * Each answer waits (up to 2 s) until the history holds the events committed when it was asked, so
 * an order that just ended is there. Times are ISO-8601 in UTC ({@code Z}); a time not yet known is {@code null}. A bad parameter is
 * {@code InvalidParameter} (400) naming it; a database that cannot be read, {@code ServiceUnavailable} (503).
 */
public final class HistoryRoute {
    private final HistoryService history;

    public HistoryRoute(HistoryService history) {
        this.history = history;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes
                .get("/controller/api/history/orders", auth.require(Permission.ValidUser, (ex, u) -> orders(ex)))
                .get("/controller/api/history/tasks", auth.require(Permission.ValidUser, (ex, u) -> tasks(ex)))
                .get("/controller/api/history/log/{orderId}", auth.require(Permission.ValidUser, (ex, u) -> log(ex)));
    }

    /** The log's header naming the last event the history held when the log was read (the Cockpit appends live output after it). */
    public static final String EVENT_ID_HEADER = "X-Jobwerk-Event-Id";

    private static final java.time.Duration CATCH_UP = java.time.Duration.ofSeconds(2);

    private HistoryQueries queries() {
        try {
            history.awaitCaughtUp(CATCH_UP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return history.queries();
    }

    private void orders(HttpServerExchange exchange) {
        Checked<OrderQuery> query = Exchanges.queryParameters(exchange).flatMap(HistoryParameters::orderQuery);
        if (query.isFail()) {
            Exchanges.respondProblem(exchange, query.problemOption().orElseThrow());
            return;
        }
        try {
            HistoryPage<HistoryQueries.OrderEntry> page = queries().orders(query.orThrow());
            ObjectNode json = EngineJson.MAPPER.createObjectNode();
            json.put("total", page.total());
            ArrayNode orders = json.putArray("orders");
            for (HistoryQueries.OrderEntry entry : page.rows()) {
                ObjectNode order = orderJson(entry.order());
                ArrayNode children = order.putArray("children");
                entry.children().forEach(child -> children.add(orderJson(child).put("parentOrderId", child.parentOrderId().orElse(null))));
                orders.add(order);
            }
            Exchanges.respondJson(exchange, 200, json);
        } catch (SQLException e) {
            unavailable(exchange, e);
        }
    }

    private static ObjectNode orderJson(OrderRow row) {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("orderId", row.key().orderId());
        o.put("workflowPath", row.workflowPath());
        o.put("versionId", row.versionId());
        o.put("state", row.state());
        o.put("position", row.position());
        o.put("addedAt", time(row.addedAt()));
        row.scheduledFor().ifPresent(t -> o.put("scheduledFor", time(t)));
        o.put("startedAt", time(row.startedAt()));
        o.put("endedAt", row.endedAt().map(HistoryRoute::time).orElse(null));
        return o;
    }

    private void tasks(HttpServerExchange exchange) {
        Checked<TaskQuery> query = Exchanges.queryParameters(exchange).flatMap(HistoryParameters::taskQuery);
        if (query.isFail()) {
            Exchanges.respondProblem(exchange, query.problemOption().orElseThrow());
            return;
        }
        try {
            HistoryPage<TaskRow> page = queries().tasks(query.orThrow());
            ObjectNode json = EngineJson.MAPPER.createObjectNode();
            json.put("total", page.total());
            ArrayNode tasks = json.putArray("tasks");
            for (TaskRow row : page.rows()) {
                ObjectNode t = tasks.addObject();
                t.put("taskId", row.id());
                t.put("orderId", row.order().orderId());
                t.put("workflowPath", row.workflowPath());
                t.put("versionId", row.versionId());
                t.put("position", row.position());
                t.put("jobName", row.jobName().orElse(null));
                t.put("agentPath", row.agentPath().orElse(null));
                t.put("subagentId", row.subagentId());
                t.put("returnCode", row.returnCode().orElse(null));
                t.put("outcome", row.outcome().orElse(null));
                row.message().ifPresent(m -> t.put("message", m));
                t.put("startedAt", time(row.startedAt()));
                t.put("endedAt", row.endedAt().map(HistoryRoute::time).orElse(null));
            }
            Exchanges.respondJson(exchange, 200, json);
        } catch (SQLException e) {
            unavailable(exchange, e);
        }
    }

    private void log(HttpServerExchange exchange) {
        Checked<String> orderId = Exchanges.pathParameter(exchange, "orderId");
        if (orderId.isFail()) {
            Exchanges.respondProblem(exchange, orderId.problemOption().orElseThrow());
            return;
        }
        try {
            Optional<HistoryQueries.OrderLog> log = queries().logAt(orderId.orThrow());
            if (log.isEmpty()) {
                Exchanges.respondProblem(exchange, Problem.of("UnknownOrder", "The history holds no order '" + orderId.orThrow() + "'",
                        Map.of("orderId", orderId.orThrow())));
            } else {
                exchange.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString(EVENT_ID_HEADER), log.get().eventId());
                Exchanges.respond(exchange, 200, "text/plain; charset=utf-8", log.get().text());
            }
        } catch (SQLException e) {
            unavailable(exchange, e);
        }
    }

    private void unavailable(HttpServerExchange exchange, SQLException e) {
        Exchanges.respondProblem(exchange, Problem.of("ServiceUnavailable", "The history database " + history.conf().displayUrl()
                + " cannot be read: " + e.getMessage()));
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
