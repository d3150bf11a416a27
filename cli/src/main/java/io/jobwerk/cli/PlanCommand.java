package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.client.EngineClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jobwerk plan show|create|submit|cancel|delete DATE [TO]}: the Controller's daily plan.
 * {@code show} reads {@code GET /controller/api/plan?date=}; the others send {@code CreateDailyPlan},
 * {@code SubmitDailyPlan}, {@code CancelDailyPlan} or {@code DeleteDailyPlan} for DATE to TO.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Show or change the daily plan.",
        subcommands = {PlanCommand.Show.class, PlanCommand.Create.class, PlanCommand.Submit.class, PlanCommand.Cancel.class,
                PlanCommand.Delete.class})
public final class PlanCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name what to do: show, create, submit, cancel or delete");
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A date's planned orders: id, workflow, schedule, start, state.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ControllerOptions controller;

        @Parameters(index = "0", paramLabel = "DATE", description = "The plan date, YYYY-MM-DD.")
        LocalDate date;

        @Option(names = "--json", description = "Print the Controller's JSON answer.")
        boolean json;

        @Override
        public Integer call() {
            Checked<JsonNode> answer;
            try (EngineClient client = controller.client()) {
                answer = client.get(List.of("plan"), Map.of("date", date.toString()));
            }
            if (answer.isFail()) {
                return controller.problem(answer.problemOption().orElseThrow());
            }
            JsonNode plan = answer.orThrow();
            if (json) {
                controller.out().println(EngineJson.print(plan));
            } else {
                List<List<String>> rows = new ArrayList<>();
                plan.path("orders").forEach(o -> rows.add(List.of(o.path("orderId").asText(), o.path("workflowPath").asText(),
                        o.path("schedulePath").asText(), o.path("scheduledFor").asText(), o.path("state").asText())));
                controller.out().print(OrderTable.format(List.of("ORDER", "WORKFLOW", "SCHEDULE", "SCHEDULED FOR", "STATE"), rows));
                controller.out().println(rows.size() + " orders planned for " + date);
            }
            controller.out().flush();
            return 0;
        }
    }

    /** A daily-plan command for DATE [TO]. */
    abstract static class Change implements Callable<Integer> {
        @Mixin
        ControllerOptions controller;

        @Parameters(index = "0", paramLabel = "DATE", description = "The first plan date, YYYY-MM-DD.")
        LocalDate from;

        @Parameters(index = "1", arity = "0..1", paramLabel = "TO", description = "The last plan date (default: DATE).")
        LocalDate to;

        abstract String type();

        abstract String did();

        @Override
        public Integer call() {
            ObjectNode command = EngineJson.MAPPER.createObjectNode().put("TYPE", type()).put("dateFrom", from.toString())
                    .put("dateTo", (to == null ? from : to).toString());
            Checked<JsonNode> answer;
            try (EngineClient client = controller.client()) {
                answer = client.command(command);
            }
            if (answer.isFail()) {
                return controller.problem(answer.problemOption().orElseThrow());
            }
            JsonNode ids = answer.orThrow().path("orderIds");
            ids.forEach(id -> controller.out().println(id.asText()));
            controller.out().println(ids.size() + " orders " + did());
            controller.out().flush();
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Plan the schedules' orders for DATE [to TO] (orders planned before stay).")
    static final class Create extends Change {
        @Override String type() { return "CreateDailyPlan"; }
        @Override String did() { return "planned"; }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Add the planned orders of DATE [to TO] to the Controller.")
    static final class Submit extends Change {
        @Override String type() { return "SubmitDailyPlan"; }
        @Override String did() { return "submitted"; }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel the submitted orders of DATE [to TO] that have not started; they are planned again.")
    static final class Cancel extends Change {
        @Override String type() { return "CancelDailyPlan"; }
        @Override String did() { return "cancelled"; }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove the planned orders of DATE [to TO]; planning again does not re-create them.")
    static final class Delete extends Change {
        @Override String type() { return "DeleteDailyPlan"; }
        @Override String did() { return "deleted"; }
    }
}
