package io.jobwerk.engine.shapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A generated test case: workflows and simple items in the JS7 engine format, the orders to add and
 * the operator commands to give when events come. Pure data, no I/O.
 *
 * <p>Every name in it (workflow paths, lock and board paths, order ids) starts with {@link #name()},
 * so many shapes can run side by side in one engine; the main order's id is the name itself.
 * Command templates use the placeholder {@value #ORDER_PLACEHOLDER} for the id of the order whose
 * event triggered the reaction.
 *
 * @param workflows   the first is the main workflow; further ones are AddOrder targets
 * @param simpleItems Locks and GlobalBoards
 * @param agents      the AgentPaths the jobs run on ({@code AGENT}, and {@code AGENT2} for two-Agent shapes)
 */
public record Shape(String name, String description, List<ObjectNode> workflows, List<ObjectNode> simpleItems,
                    List<OrderSpec> orders, List<Reaction> reactions, SortedSet<String> agents) {

    public static final String ORDER_PLACEHOLDER = "@ORDER";

    /**
     * In an order's id, stands for {@code #yyyy-MM-dd#} of the day the order is added (UTC): a Cycle
     * takes the order's day from its id, by the workflow's Calendar.
     */
    public static final String TODAY = "#TODAY#";

    public Shape {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        workflows = List.copyOf(workflows);
        simpleItems = List.copyOf(simpleItems);
        orders = List.copyOf(orders);
        reactions = List.copyOf(reactions);
        agents = new TreeSet<>(agents);
        if (workflows.isEmpty()) {
            throw new IllegalArgumentException("A shape needs a workflow");
        }
    }

    /**
     * An order to add when the shape starts.
     *
     * @param scheduledInSeconds when set, the order is scheduled this many seconds after it is added
     */
    public record OrderSpec(String orderId, String workflowPath, ObjectNode arguments, Optional<Long> scheduledInSeconds) {
        public OrderSpec {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(workflowPath, "workflowPath");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(scheduledInSeconds, "scheduledInSeconds");
        }

        /** The order's id when added at {@code nowMillis}: {@link #TODAY} replaced. */
        public String orderId(long nowMillis) {
            return orderId.replace(TODAY, "#" + java.time.Instant.ofEpochMilli(nowMillis).atZone(java.time.ZoneOffset.UTC)
                    .toLocalDate() + "#");
        }

        /** The FreshOrder JSON (JS7 2.9 wants {@code planId: []}), with {@code scheduledFor} from {@code nowMillis}. */
        public ObjectNode freshOrder(long nowMillis) {
            ObjectNode o = EngineJson.MAPPER.createObjectNode();
            o.put("id", orderId(nowMillis));
            o.put("workflowPath", workflowPath);
            o.putArray("planId");
            if (!arguments.isEmpty()) {
                o.set("arguments", arguments.deepCopy());
            }
            scheduledInSeconds.ifPresent(s -> o.put("scheduledFor", nowMillis + s * 1000));
            return o;
        }
    }

    /**
     * When an order of the shape emits {@code onEvent} (and, if given, the order's id ends with
     * {@code orderSuffix} after the shape's name), the command is executed with
     * {@value #ORDER_PLACEHOLDER} replaced by that order's id. A reaction fires once unless {@code every}.
     */
    public record Reaction(String onEvent, Optional<String> orderSuffix, ObjectNode command, boolean every) {
        public Reaction {
            Objects.requireNonNull(onEvent, "onEvent");
            Objects.requireNonNull(orderSuffix, "orderSuffix");
            Objects.requireNonNull(command, "command");
        }

        /** The command for the order with id {@code orderId}. */
        public ObjectNode commandFor(String orderId) {
            return (ObjectNode) replace(command.deepCopy(), orderId);
        }

        private static JsonNode replace(JsonNode node, String orderId) {
            if (node.isTextual() && node.textValue().equals(ORDER_PLACEHOLDER)) {
                return EngineJson.MAPPER.getNodeFactory().textNode(orderId);
            }
            if (node.isObject()) {
                ObjectNode o = (ObjectNode) node;
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                for (String n : names) {
                    o.set(n, replace(o.get(n), orderId));
                }
            } else if (node.isArray()) {
                ArrayNode a = (ArrayNode) node;
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, replace(a.get(i), orderId));
                }
            }
            return node;
        }
    }

    public ObjectNode mainWorkflow() {
        return workflows.get(0);
    }

    /** The workflows in Jobwerk's model (the codec decodes every generated workflow; a test checks it). */
    public List<Workflow> decodedWorkflows() {
        return workflows.stream().map(w -> WorkflowJson.decode(w, Optional.of(new VersionId("1"))).orThrow()).toList();
    }

    public List<Item> decodedSimpleItems() {
        return simpleItems.stream().map(i -> ItemJson.decode(i).orThrow()).toList();
    }

    public boolean usesTwoAgents() {
        return agents.size() > 1;
    }

    /** The shape as one JSON object (see {@link #fromJson}). */
    public ObjectNode toJson() {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("name", name);
        o.put("description", description);
        ArrayNode a = o.putArray("agents");
        agents.forEach(a::add);
        ArrayNode w = o.putArray("workflows");
        workflows.forEach(x -> w.add(x.deepCopy()));
        ArrayNode s = o.putArray("simpleItems");
        simpleItems.forEach(x -> s.add(x.deepCopy()));
        ArrayNode os = o.putArray("orders");
        for (OrderSpec spec : orders) {
            ObjectNode x = os.addObject();
            x.put("id", spec.orderId());
            x.put("workflowPath", spec.workflowPath());
            x.set("arguments", spec.arguments().deepCopy());
            spec.scheduledInSeconds().ifPresent(v -> x.put("scheduledInSeconds", v));
        }
        ArrayNode rs = o.putArray("reactions");
        for (Reaction r : reactions) {
            ObjectNode x = rs.addObject();
            x.put("onEvent", r.onEvent());
            r.orderSuffix().ifPresent(v -> x.put("orderSuffix", v));
            x.put("every", r.every());
            x.set("command", r.command().deepCopy());
        }
        return o;
    }

    public static Shape fromJson(JsonNode o) {
        SortedSet<String> agents = new TreeSet<>();
        o.get("agents").forEach(a -> agents.add(a.textValue()));
        List<ObjectNode> workflows = new ArrayList<>();
        o.get("workflows").forEach(w -> workflows.add((ObjectNode) w.deepCopy()));
        List<ObjectNode> items = new ArrayList<>();
        o.get("simpleItems").forEach(w -> items.add((ObjectNode) w.deepCopy()));
        List<OrderSpec> orders = new ArrayList<>();
        for (JsonNode x : o.get("orders")) {
            orders.add(new OrderSpec(x.get("id").textValue(), x.get("workflowPath").textValue(),
                    (ObjectNode) x.get("arguments").deepCopy(),
                    x.has("scheduledInSeconds") ? Optional.of(x.get("scheduledInSeconds").longValue()) : Optional.empty()));
        }
        List<Reaction> reactions = new ArrayList<>();
        for (JsonNode x : o.get("reactions")) {
            reactions.add(new Reaction(x.get("onEvent").textValue(),
                    x.has("orderSuffix") ? Optional.of(x.get("orderSuffix").textValue()) : Optional.empty(),
                    (ObjectNode) x.get("command").deepCopy(), x.get("every").booleanValue()));
        }
        return new Shape(o.get("name").textValue(), o.get("description").textValue(), workflows, items, orders,
                reactions, agents);
    }
}
