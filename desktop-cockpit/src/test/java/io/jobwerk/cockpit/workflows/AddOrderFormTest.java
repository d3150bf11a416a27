package io.jobwerk.cockpit.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddOrderFormTest {

    private final Workflow workflow = EngineStateJson.fromSnapshotObjects(List.of(
            "{\"TYPE\":\"Workflow\",\"path\":\"ops/report\",\"versionId\":\"1\",\"instructions\":[{\"TYPE\":\"Prompt\",\"question\":\"'ok?'\"}],"
                    + "\"orderPreparation\":{\"parameters\":{"
                    + "\"day\":{\"type\":\"String\"},"
                    + "\"rows\":{\"type\":\"Number\",\"default\":\"1000\"},"
                    + "\"dryRun\":{\"type\":\"Boolean\",\"default\":\"false\"},"
                    + "\"regions\":{\"type\":{\"TYPE\":\"List\",\"elementType\":\"String\"},\"default\":\"['eu']\"},"
                    + "\"fixed\":{\"final\":\"'x'\"}}}}",
            "{\"TYPE\":\"CurrentWorkflowVersion\",\"workflowId\":{\"path\":\"ops/report\",\"versionId\":\"1\"}}")
            .stream().map(l -> EngineJson.parse(l).orThrow()).toList()).orThrow().currentWorkflow(new WorkflowPath("ops/report")).orThrow();
    private final AddOrderForm form = new AddOrderForm(workflow);

    @Test
    void hasAFieldPerParameterTheOrderMayGiveButNotTheFinalOnes() {
        assertThat(form.fields()).extracting(AddOrderForm.Field::name, AddOrderForm.Field::type, AddOrderForm.Field::required).containsExactly(
                org.assertj.core.groups.Tuple.tuple("day", "String", true),
                org.assertj.core.groups.Tuple.tuple("rows", "Number", false),
                org.assertj.core.groups.Tuple.tuple("dryRun", "Boolean", false),
                org.assertj.core.groups.Tuple.tuple("regions", "List", false));
        assertThat(form.fields().get(1).defaultExpression()).contains("1000");
    }

    @Test
    void namesEveryProblemBeforeAnythingIsSent() {
        var checked = form.check(" ", Map.of("rows", "many", "dryRun", "yes", "regions", "[eu"));
        assertThat(checked.problemOption().orElseThrow().message()).isEqualTo(String.join("\n",
                "Order id: required",
                "day: required (String)",
                "rows: 'many' is not a number",
                "dryRun: 'yes' is not true or false",
                "regions: not JSON for a List (e.g. [1, 2] or {\"a\": 1})"));
    }

    @Test
    void aValidFormBecomesTheAddOrderCommandWithTypedArgumentsAndDefaultsLeftToTheWorkflow() {
        Command.AddOrder command = form.check("report-1", Map.of("day", "2026-12-07", "rows", "1200", "regions", "[\"eu\", \"us\"]")).orThrow();
        assertThat(command.order().id().string()).isEqualTo("report-1");
        assertThat(command.order().workflowPath()).isEqualTo(new WorkflowPath("ops/report"));
        assertThat(command.order().arguments()).containsEntry("day", new Value.StringValue("2026-12-07"))
                .containsEntry("rows", new Value.NumberValue(new BigDecimal("1200")))
                .doesNotContainKey("dryRun");
        assertThat(command.order().arguments().get("regions")).isInstanceOf(Value.ListValue.class);
    }
}
