package io.jobwerk.history.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.plan.PlannedOrder;
import io.jobwerk.history.DailyPlanService;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daily plan's HTTP API, for any valid user (changes go through {@code POST /controller/api/command}
 * with {@code CreateDailyPlan}, {@code SubmitDailyPlan}, {@code CancelDailyPlan}, {@code DeleteDailyPlan}):
 * <ul>
 *   <li>{@code GET /controller/api/plan?date=YYYY-MM-DD} → {@code {"date", "orders": [{"orderId", "workflowPath",
 *       "schedulePath", "scheduledFor", "state"}]}}, {@code state} {@code planned}, {@code submitted} or
 *       {@code finished}, by start time;</li>
 *   <li>{@code GET /controller/api/plan/projections?from=&to=} (dates, at most 367 days) → {@code {"from", "to",
 *       "orders": [{"orderId", "workflowPath", "schedulePath", "planDate", "scheduledFor"}]}}: what the deployed
 *       schedules would plan, nothing stored (the Cockpit's calendar view).</li>
 * </ul>
 * A bad or unknown parameter is {@code InvalidParameter} (400) naming it.
 */
public final class DailyPlanRoute {
    private static final int MAX_PROJECTION_DAYS = 367;

    private final DailyPlanService plan;

    public DailyPlanRoute(DailyPlanService plan) {
        this.plan = plan;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes
                .get("/controller/api/plan", auth.require(Permission.ValidUser, (ex, u) -> show(ex)))
                .get("/controller/api/plan/projections", auth.require(Permission.ValidUser, (ex, u) -> projections(ex)));
    }

    private void show(HttpServerExchange exchange) {
        Checked<Map<String, Deque<String>>> parameters = Exchanges.queryParameters(exchange).flatMap(p -> only(p, Set.of("date")));
        Checked<LocalDate> date = parameters.flatMap(p -> date(p, "date"));
        if (date.isFail()) {
            Exchanges.respondProblem(exchange, date.problemOption().orElseThrow());
            return;
        }
        try {
            ObjectNode json = EngineJson.MAPPER.createObjectNode();
            json.put("date", date.orThrow().toString());
            ArrayNode orders = json.putArray("orders");
            for (DailyPlanService.PlanEntry e : plan.show(date.orThrow())) {
                orders.addObject().put("orderId", e.orderId()).put("workflowPath", e.workflowPath()).put("schedulePath", e.schedulePath())
                        .put("scheduledFor", e.scheduledFor().toString()).put("state", e.state());
            }
            Exchanges.respondJson(exchange, 200, json);
        } catch (SQLException e) {
            Exchanges.respondProblem(exchange, Problem.of("ServiceUnavailable", "The daily plan's database cannot be read: " + e.getMessage()));
        }
    }

    private void projections(HttpServerExchange exchange) {
        Checked<Map<String, Deque<String>>> parameters = Exchanges.queryParameters(exchange).flatMap(p -> only(p, Set.of("from", "to")));
        Checked<LocalDate> from = parameters.flatMap(p -> date(p, "from"));
        Checked<LocalDate> to = parameters.flatMap(p -> date(p, "to"));
        Checked<List<PlannedOrder>> projected = from.flatMap(f -> to.flatMap(t -> {
            if (t.isBefore(f) || java.time.temporal.ChronoUnit.DAYS.between(f, t) >= MAX_PROJECTION_DAYS) {
                return Checked.fail(Problem.of("InvalidParameter", "'to' must lie 0 to " + (MAX_PROJECTION_DAYS - 1) + " days after 'from'",
                        Map.of("parameter", "to")));
            }
            return plan.projections(f, t);
        }));
        if (projected.isFail()) {
            Exchanges.respondProblem(exchange, projected.problemOption().orElseThrow());
            return;
        }
        ObjectNode json = EngineJson.MAPPER.createObjectNode();
        json.put("from", from.orThrow().toString());
        json.put("to", to.orThrow().toString());
        ArrayNode orders = json.putArray("orders");
        for (PlannedOrder o : projected.orThrow()) {
            orders.addObject().put("orderId", o.orderId().string()).put("workflowPath", o.workflowPath().string())
                    .put("schedulePath", o.schedulePath().string()).put("planDate", o.planDate().toString())
                    .put("scheduledFor", o.scheduledFor().toString());
        }
        Exchanges.respondJson(exchange, 200, json);
    }

    private static Checked<Map<String, Deque<String>>> only(Map<String, Deque<String>> parameters, Set<String> names) {
        for (Map.Entry<String, Deque<String>> e : parameters.entrySet()) {
            if (!names.contains(e.getKey())) {
                return Checked.fail(Problem.of("InvalidParameter", "Unknown parameter '" + e.getKey() + "', expected " + String.join(", ",
                        names.stream().sorted().toList()), Map.of("parameter", e.getKey())));
            }
            if (e.getValue().size() > 1) {
                return Checked.fail(Problem.of("InvalidParameter", "Parameter '" + e.getKey() + "' is given more than once",
                        Map.of("parameter", e.getKey())));
            }
        }
        return Checked.ok(parameters);
    }

    private static Checked<LocalDate> date(Map<String, Deque<String>> parameters, String name) {
        Deque<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return Checked.fail(Problem.of("InvalidParameter", "Missing parameter '" + name + "' (a date YYYY-MM-DD)", Map.of("parameter", name)));
        }
        try {
            return Checked.ok(LocalDate.parse(values.getFirst()));
        } catch (DateTimeParseException e) {
            return Checked.fail(Problem.of("InvalidParameter", "Parameter '" + name + "' must be a date YYYY-MM-DD, not '" + values.getFirst() + "'",
                    Map.of("parameter", name)));
        }
    }
}
