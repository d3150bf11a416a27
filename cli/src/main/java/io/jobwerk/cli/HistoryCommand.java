package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.client.EngineClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jobwerk history orders|tasks [filters]}: the Controller's order and task history
 * ({@code GET /controller/api/history/orders|tasks}) as a table, or with {@code --json} as the
 * Controller answered it.
 */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show the order or task history.",
        subcommands = {HistoryCommand.Orders.class, HistoryCommand.Tasks.class})
public final class HistoryCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name what to show: orders or tasks");
    }

    /** Filters both lists have. */
    static final class Filters {
        @Option(names = "--workflow", paramLabel = "W", description = "Only this workflow path.")
        String workflowPath;

        @Option(names = "--from", paramLabel = "TIME", description = "Started at or after (ISO-8601, e.g. 2027-01-04T02:30:00Z, or a date).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Started before (ISO-8601 or a date).")
        String to;

        @Option(names = "--limit", paramLabel = "N", description = "At most N entries (default 100).")
        Integer limit;

        @Option(names = "--offset", paramLabel = "N", description = "Skip the N newest entries.")
        Integer offset;

        @Option(names = "--json", description = "Print the Controller's JSON answer.")
        boolean json;

        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "workflowPath", workflowPath);
            put(query, "from", from);
            put(query, "to", to);
            put(query, "limit", limit);
            put(query, "offset", offset);
            return query;
        }
    }

    static void put(Map<String, String> query, String name, Object value) {
        if (value != null) {
            query.put(name, value.toString());
        }
    }

    static int show(ControllerOptions controller, Filters filters, String what, Map<String, String> query, List<String> header,
                    java.util.function.Function<JsonNode, List<String>> row) {
        Checked<JsonNode> answer;
        try (EngineClient client = controller.client()) {
            answer = client.get(List.of("history", what), query);
        }
        if (answer.isFail()) {
            return controller.problem(answer.problemOption().orElseThrow());
        }
        JsonNode json = answer.orThrow();
        if (filters.json) {
            controller.out().println(EngineJson.print(json));
        } else {
            List<List<String>> rows = new ArrayList<>();
            json.path(what).forEach(entry -> rows.add(row.apply(entry)));
            controller.out().print(OrderTable.format(header, rows));
            controller.out().println(rows.size() + " of " + json.path("total").asLong() + " " + what);
        }
        controller.out().flush();
        return 0;
    }

    static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? "-" : node.asText();
    }

    @Command(name = "orders", mixinStandardHelpOptions = true, description = "Orders, newest first: id, workflow, state, start, end.")
    static final class Orders implements Callable<Integer> {
        @Mixin
        ControllerOptions controller;

        @picocli.CommandLine.ArgGroup(exclusive = false)
        Filters filters = new Filters();

        @Option(names = "--state", paramLabel = "S", description = "Only this state: OrderFinished, OrderFailed, OrderCancelled, or a running state (Processing …).")
        String state;

        @Override
        public Integer call() {
            Map<String, String> query = filters.query();
            put(query, "state", state);
            return show(controller, filters, "orders", query, List.of("ORDER", "WORKFLOW", "STATE", "STARTED", "ENDED", "CHILDREN"),
                    o -> List.of(text(o.path("orderId")), text(o.path("workflowPath")), text(o.path("state")), text(o.path("startedAt")),
                            text(o.path("endedAt")), Integer.toString(o.path("children").size())));
        }
    }

    @Command(name = "tasks", mixinStandardHelpOptions = true, description = "Tasks (job steps), newest first: order, job, Agent, Subagent, return code, outcome, start, end.")
    static final class Tasks implements Callable<Integer> {
        @Mixin
        ControllerOptions controller;

        @picocli.CommandLine.ArgGroup(exclusive = false)
        Filters filters = new Filters();

        @Option(names = "--order", paramLabel = "ORDER", description = "Only this order's tasks (with its fork children's).")
        String orderId;

        @Option(names = "--job", paramLabel = "JOB", description = "Only this job name.")
        String jobName;

        @Option(names = "--agent", paramLabel = "AGENT", description = "Only this Agent.")
        String agentPath;

        @Override
        public Integer call() {
            Map<String, String> query = filters.query();
            put(query, "orderId", orderId);
            put(query, "jobName", jobName);
            put(query, "agentPath", agentPath);
            return show(controller, filters, "tasks", query,
                    List.of("ORDER", "JOB", "AGENT", "SUBAGENT", "RC", "OUTCOME", "STARTED", "ENDED"),
                    t -> List.of(text(t.path("orderId")), text(t.path("jobName")), text(t.path("agentPath")), text(t.path("subagentId")),
                            text(t.path("returnCode")), text(t.path("outcome")), text(t.path("startedAt")), text(t.path("endedAt"))));
        }
    }
}
