package io.jobwerk.cockpit.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.workflow.OrderPreparation;
import io.jobwerk.engine.workflow.Workflow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form to add an order to a workflow, built from the parameters the workflow declares: one
 * field per parameter the order may give (a {@code final} one is fixed by the workflow and not
 * asked), with its type and default. {@link #check} validates everything before anything is sent
 * — a required parameter left empty, a number or boolean that is none, a list or object that is
 * not JSON — and names each problem's field; what passes becomes the {@code AddOrder} command, its
 * order checked by the core's own decoder.
 */
public final class AddOrderForm {

    /** A field of the form: the parameter's name, its type as JS7 writes it, its default's expression (empty: required). */
    public record Field(String name, String type, Optional<String> defaultExpression) {
        public boolean required() {
            return defaultExpression.isEmpty();
        }
    }

    private final Workflow workflow;
    private final List<Field> fields = new ArrayList<>();

    public AddOrderForm(Workflow workflow) {
        this.workflow = workflow;
        workflow.orderPreparation().parameters().forEach((name, p) -> {
            if (p.finalValue().isEmpty()) {
                fields.add(new Field(name, p.type().map(AddOrderForm::typeName).orElse("any"), p.defaultValue().map(Object::toString)));
            }
        });
    }

    public String workflowPath() {
        return workflow.path().string();
    }

    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /**
     * The {@code AddOrder} command for an order {@code orderId} with the operator's texts per field
     * (empty: the default, or missing when required), or the problems, one per line, each naming its field.
     */
    public Checked<Command.AddOrder> check(String orderId, Map<String, String> texts) {
        List<String> problems = new ArrayList<>();
        if (orderId.isBlank()) {
            problems.add("Order id: required");
        }
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        for (Field field : fields) {
            String text = texts.getOrDefault(field.name(), "").trim();
            if (text.isEmpty()) {
                if (field.required()) {
                    problems.add(field.name() + ": required (" + field.type() + ")");
                }
                continue;
            }
            Checked<JsonNode> value = value(field.type(), text);
            if (value.isFail()) {
                problems.add(field.name() + ": " + value.problemOption().orElseThrow().message());
            } else {
                arguments.put(field.name(), value.orThrow());
            }
        }
        if (!problems.isEmpty()) {
            return Checked.fail(Problem.of("InvalidOrder", String.join("\n", problems)));
        }
        ObjectNode json = EngineJson.MAPPER.createObjectNode().put("id", orderId.trim()).put("workflowPath", workflowPath());
        ObjectNode args = json.putObject("arguments");
        arguments.forEach(args::set);
        return CommandJson.decodeFreshOrder(json).map(Command.AddOrder::new);
    }

    private static Checked<JsonNode> value(String type, String text) {
        switch (type) {
            case "String":
                return Checked.ok(EngineJson.MAPPER.getNodeFactory().textNode(text));
            case "Number":
                try {
                    return Checked.ok(EngineJson.MAPPER.getNodeFactory().numberNode(new BigDecimal(text)));
                } catch (NumberFormatException e) {
                    return Checked.fail(Problem.of("'" + text + "' is not a number"));
                }
            case "Boolean":
                if (text.equals("true") || text.equals("false")) {
                    return Checked.ok(EngineJson.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(text)));
                }
                return Checked.fail(Problem.of("'" + text + "' is not true or false"));
            default:
                return EngineJson.parse(text).mapProblem(p -> Problem.of("not JSON for a " + type + " (e.g. [1, 2] or {\"a\": 1})"));
        }
    }

    private static String typeName(OrderPreparation.ValueType type) {
        if (type instanceof OrderPreparation.Simple simple) {
            return simple.name();
        }
        return type instanceof OrderPreparation.ListType ? "List" : "Object";
    }
}
