package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Controller commands, their responses and {@link FreshOrder} in the JS7 engine format, e.g.
 * {@code {"TYPE":"CancelOrders","orderIds":["A","B"],"mode":{"TYPE":"FreshOrStarted","kill":{"immediately":true}}}},
 * {@code {"TYPE":"AddOrder","order":{"id":"ORDER","workflowPath":"W"}}}; responses
 * {@code {"TYPE":"Accepted"}}, {@code {"TYPE":"AddOrder.Response","ignoredBecauseDuplicate":false}},
 * {@code {"TYPE":"BatchResponse","responses":[…]}} (a failed command's entry is a Problem).
 * Defaults are omitted on output (false booleans, the default cancellation/suspension mode, the
 * global plan, priority 0, empty lists and maps). A FreshOrder's id must not contain {@code |}.
 */
public final class CommandJson {
    private CommandJson() {}

    private static final Map<String, Command.Kind> TYPE_TO_KIND = new HashMap<>();

    private static final Map<Command.Kind, String> KIND_TO_TYPE = new java.util.EnumMap<>(Command.Kind.class);

    static {
        for (Command.Kind k : Command.Kind.values()) {
            String type = io.jobwerk.engine.base.Names.camelCase(k.name());
            TYPE_TO_KIND.put(type, k);
            KIND_TO_TYPE.put(k, type);
        }
    }

    /** {@code ADD_ORDER} → {@code AddOrder}, the record's simple name. */
    static String typeName(Command.Kind kind) {
        return KIND_TO_TYPE.get(kind);
    }

    public static Checked<Command> decode(JsonNode json) {
        return JsonCursor.decode(json, CommandJson::command);
    }

    public static Checked<FreshOrder> decodeFreshOrder(JsonNode json) {
        return JsonCursor.decode(json, CommandJson::freshOrder);
    }

    public static ObjectNode encode(FreshOrder order) {
        ObjectNode o = EngineJson.object();
        o.put("id", order.id().string());
        o.put("workflowPath", order.workflowPath().string());
        if (!order.planId().isGlobal()) {
            o.set("planId", OrderJson.encode(order.planId()));
        }
        OrderJson.putNamedValues(o, "arguments", order.arguments());
        order.scheduledFor().ifPresent(t -> o.put("scheduledFor", t.toEpochMilli()));
        OrderJson.putPriority(o, order.priority());
        JobJson.putTrue(o, "deleteWhenTerminated", order.deleteWhenTerminated());
        JobJson.putTrue(o, "forceAdmission", order.forceAdmission());
        OrderJson.putPositionFields(o, order.innerBlock(), order.startPosition(), order.stopPositions());
        return o;
    }

    static FreshOrder freshOrder(JsonCursor c) {
        c.requireObject();
        return c.construct(() -> new FreshOrder(c.required("id").as(OrderId::checked),
                c.required("workflowPath").as(WorkflowPath::checked), OrderJson.namedValues(c, "arguments"),
                c.optional("scheduledFor").map(JsonCursor::instant), OrderJson.planIdOrGlobal(c), OrderJson.priority(c),
                c.optionalBool("deleteWhenTerminated"), c.optionalBool("forceAdmission"), OrderJson.innerBlock(c),
                c.optional("startPosition").map(PositionJson::position), OrderJson.stopPositions(c)));
    }

    public static ObjectNode encode(Command command) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", typeName(command.kind()));
        switch (command.kind()) {
            case ADD_ORDER -> o.set("order", encode(((Command.AddOrder) command).order()));
            case ADD_ORDERS -> {
                ArrayNode a = o.putArray("orders");
                ((Command.AddOrders) command).orders().forEach(f -> a.add(encode(f)));
            }
            case CANCEL_ORDERS -> {
                Command.CancelOrders c = (Command.CancelOrders) command;
                putOrderIds(o, c.orderIds());
                if (!c.mode().equals(CancellationMode.FRESH_OR_STARTED)) {
                    o.set("mode", OrderMarkJson.encode(c.mode()));
                }
            }
            case SUSPEND_ORDERS -> {
                Command.SuspendOrders c = (Command.SuspendOrders) command;
                putOrderIds(o, c.orderIds());
                if (!c.mode().equals(SuspensionMode.STANDARD)) {
                    o.set("mode", OrderMarkJson.encode(c.mode()));
                }
            }
            case RESUME_ORDER -> {
                Command.ResumeOrder c = (Command.ResumeOrder) command;
                o.put("orderId", c.orderId().string());
                OrderMarkJson.putResumeFields(o, c.position(), c.historyOperations(), c.asSucceeded(), false);
                c.restartKilledJob().ifPresent(b -> o.put("restartKilledJob", b));
            }
            case RESUME_ORDERS -> {
                Command.ResumeOrders c = (Command.ResumeOrders) command;
                putOrderIds(o, c.orderIds());
                JobJson.putTrue(o, "asSucceeded", c.asSucceeded());
                c.restartKilledJob().ifPresent(b -> o.put("restartKilledJob", b));
            }
            case GO_ORDER -> {
                Command.GoOrder c = (Command.GoOrder) command;
                o.put("orderId", c.orderId().string());
                o.set("position", PositionJson.encode(c.position()));
            }
            case ANSWER_ORDER_PROMPT -> o.put("orderId", ((Command.AnswerOrderPrompt) command).orderId().string());
            case DELETE_ORDERS_WHEN_TERMINATED -> putOrderIds(o, ((Command.DeleteOrdersWhenTerminated) command).orderIds());
            case CHANGE_ORDER -> {
                Command.ChangeOrder c = (Command.ChangeOrder) command;
                o.put("orderId", c.orderId().string());
                c.priority().ifPresent(p -> o.set("priority", EngineJson.number(p)));
            }
            case TRANSFER_ORDERS -> o.set("workflowId", OrderJson.encode(((Command.TransferOrders) command).workflowId()));
            case POST_NOTICE -> {
                Command.PostNotice c = (Command.PostNotice) command;
                o.set("noticeId", OrderJson.encode(c.noticeId()));
                c.endOfLife().ifPresent(t -> o.put("endOfLife", t.toEpochMilli()));
            }
            case DELETE_NOTICE -> o.set("noticeId", OrderJson.encode(((Command.DeleteNotice) command).noticeId()));
            case CONTROL_WORKFLOW_PATH -> {
                Command.ControlWorkflowPath c = (Command.ControlWorkflowPath) command;
                o.put("workflowPath", c.workflowPath().string());
                c.suspend().ifPresent(s -> o.put("suspend", s));
                if (!c.skip().isEmpty()) {
                    ObjectNode skip = o.putObject("skip");
                    c.skip().forEach((label, b) -> skip.put(label.string(), b));
                }
            }
            case CONTROL_WORKFLOW -> {
                Command.ControlWorkflow c = (Command.ControlWorkflow) command;
                o.set("workflowId", OrderJson.encode(c.workflowId()));
                putPositions(o, "addBreakpoints", c.addBreakpoints());
                putPositions(o, "removeBreakpoints", c.removeBreakpoints());
            }
            case BATCH -> {
                ArrayNode a = o.putArray("commands");
                ((Command.Batch) command).commands().forEach(c -> a.add(encode(c)));
            }
            case RELEASE_EVENTS -> o.put("untilEventId", ((Command.ReleaseEvents) command).untilEventId());
            case SHUT_DOWN -> {
                Command.ShutDown c = (Command.ShutDown) command;
                JobJson.putTrue(o, "restart", c.restart());
                c.clusterAction().ifPresent(a -> o.putObject("clusterAction").put("TYPE", a));
                JobJson.putTrue(o, "suppressSnapshot", c.suppressSnapshot());
            }
            case EMERGENCY_STOP -> JobJson.putTrue(o, "restart", ((Command.EmergencyStop) command).restart());
            case RESET_AGENT -> {
                Command.ResetAgent c = (Command.ResetAgent) command;
                o.put("agentPath", c.agentPath().string());
                JobJson.putTrue(o, "force", c.force());
            }
            case RESET_SUBAGENT -> {
                Command.ResetSubagent c = (Command.ResetSubagent) command;
                o.put("subagentId", c.subagentId().string());
                JobJson.putTrue(o, "force", c.force());
            }
            case CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN -> {
                Command.DailyPlanCommand c = (Command.DailyPlanCommand) command;
                o.put("dateFrom", c.dateFrom().toString());
                o.put("dateTo", c.dateTo().toString());
            }
            case TAKE_SNAPSHOT, NO_OPERATION -> { }
        }
        return o;
    }

    private static void putOrderIds(ObjectNode o, List<OrderId> ids) {
        ArrayNode a = o.putArray("orderIds");
        ids.forEach(id -> a.add(id.string()));
    }

    /** Sets have no order; positions are written sorted so the output is stable. */
    private static void putPositions(ObjectNode o, String key, Set<Position> positions) {
        if (!positions.isEmpty()) {
            ArrayNode a = o.putArray(key);
            positions.stream().sorted().forEach(p -> a.add(PositionJson.encode(p)));
        }
    }

    static Command command(JsonCursor c) {
        String type = c.type();
        Command.Kind kind = TYPE_TO_KIND.get(type);
        if (kind == null) {
            throw c.child("TYPE").fail("unknown command TYPE '" + type + "'");
        }
        return c.construct(() -> switch (kind) {
            case ADD_ORDER -> new Command.AddOrder(freshOrder(c.required("order")));
            case ADD_ORDERS -> new Command.AddOrders(c.required("orders").list(CommandJson::freshOrder));
            case CANCEL_ORDERS -> new Command.CancelOrders(orderIds(c),
                    c.optional("mode").map(OrderMarkJson::cancellationMode).orElse(CancellationMode.FRESH_OR_STARTED));
            case SUSPEND_ORDERS -> new Command.SuspendOrders(orderIds(c),
                    c.optional("mode").map(OrderMarkJson::suspensionMode).orElse(SuspensionMode.STANDARD));
            case RESUME_ORDER -> new Command.ResumeOrder(OrderJson.anyOrderId(c.required("orderId")),
                    c.optional("position").map(PositionJson::position), OrderMarkJson.historyOperations(c),
                    c.optionalBool("asSucceeded"), c.optional("restartKilledJob").map(JsonCursor::bool));
            case RESUME_ORDERS -> new Command.ResumeOrders(orderIds(c), c.optionalBool("asSucceeded"),
                    c.optional("restartKilledJob").map(JsonCursor::bool));
            case GO_ORDER -> new Command.GoOrder(OrderJson.anyOrderId(c.required("orderId")),
                    PositionJson.position(c.required("position")));
            case ANSWER_ORDER_PROMPT -> new Command.AnswerOrderPrompt(OrderJson.anyOrderId(c.required("orderId")));
            case DELETE_ORDERS_WHEN_TERMINATED -> new Command.DeleteOrdersWhenTerminated(orderIds(c));
            case CHANGE_ORDER -> new Command.ChangeOrder(OrderJson.anyOrderId(c.required("orderId")),
                    c.optional("priority").map(JsonCursor::decimal));
            case TRANSFER_ORDERS -> new Command.TransferOrders(OrderJson.workflowId(c.required("workflowId")));
            case POST_NOTICE -> new Command.PostNotice(OrderJson.noticeId(c.required("noticeId")),
                    c.optional("endOfLife").map(JsonCursor::instant));
            case DELETE_NOTICE -> new Command.DeleteNotice(OrderJson.noticeId(c.required("noticeId")));
            case CONTROL_WORKFLOW_PATH -> {
                Map<Label, Boolean> skip = new LinkedHashMap<>();
                c.optional("skip").ifPresent(s -> s.fields().forEach(e ->
                        skip.put(e.getValue().check(Label.checked(e.getKey())), e.getValue().bool())));
                yield new Command.ControlWorkflowPath(c.required("workflowPath").as(WorkflowPath::checked),
                        c.optional("suspend").map(JsonCursor::bool), skip);
            }
            case CONTROL_WORKFLOW -> new Command.ControlWorkflow(OrderJson.workflowId(c.required("workflowId")),
                    Set.copyOf(c.optional("addBreakpoints").map(a -> a.list(PositionJson::position)).orElse(List.of())),
                    Set.copyOf(c.optional("removeBreakpoints").map(a -> a.list(PositionJson::position)).orElse(List.of())));
            case BATCH -> new Command.Batch(c.required("commands").list(CommandJson::command));
            case RELEASE_EVENTS -> new Command.ReleaseEvents(c.required("untilEventId").longValue());
            case TAKE_SNAPSHOT -> new Command.TakeSnapshot();
            case SHUT_DOWN -> new Command.ShutDown(c.optionalBool("restart"),
                    c.optional("clusterAction").map(JsonCursor::type), c.optionalBool("suppressSnapshot"));
            case EMERGENCY_STOP -> new Command.EmergencyStop(c.optionalBool("restart"));
            case NO_OPERATION -> new Command.NoOperation();
            case RESET_AGENT -> new Command.ResetAgent(c.required("agentPath").as(AgentPath::checked), c.optionalBool("force"));
            case RESET_SUBAGENT -> new Command.ResetSubagent(c.required("subagentId").as(SubagentId::checked),
                    c.optionalBool("force"));
            case CREATE_DAILY_PLAN -> c.construct(() -> new Command.CreateDailyPlan(dateFrom(c), dateTo(c)));
            case SUBMIT_DAILY_PLAN -> c.construct(() -> new Command.SubmitDailyPlan(dateFrom(c), dateTo(c)));
            case CANCEL_DAILY_PLAN -> c.construct(() -> new Command.CancelDailyPlan(dateFrom(c), dateTo(c)));
            case DELETE_DAILY_PLAN -> c.construct(() -> new Command.DeleteDailyPlan(dateFrom(c), dateTo(c)));
        });
    }

    private static java.time.LocalDate dateFrom(JsonCursor c) {
        return date(c.required("dateFrom"));
    }

    /** {@code dateTo}, or {@code dateFrom} for a single day. */
    private static java.time.LocalDate dateTo(JsonCursor c) {
        return c.optional("dateTo").map(CommandJson::date).orElseGet(() -> dateFrom(c));
    }

    private static java.time.LocalDate date(JsonCursor c) {
        try {
            return java.time.LocalDate.parse(c.string());
        } catch (java.time.format.DateTimeParseException e) {
            throw c.fail("expected a date YYYY-MM-DD, found '" + c.string() + "'");
        }
    }

    private static List<OrderId> orderIds(JsonCursor c) {
        return c.required("orderIds").list(OrderJson::anyOrderId);
    }

    public static ObjectNode encode(CommandResponse response) {
        ObjectNode o = EngineJson.object();
        if (response instanceof CommandResponse.AddOrderResponse r) {
            o.put("TYPE", "AddOrder.Response");
            o.put("ignoredBecauseDuplicate", r.ignoredBecauseDuplicate());
        } else if (response instanceof CommandResponse.DailyPlanResponse d) {
            o.put("TYPE", "DailyPlanResponse");
            ArrayNode a = o.putArray("orderIds");
            d.orderIds().forEach(a::add);
        } else if (response instanceof CommandResponse.BatchResponse b) {
            o.put("TYPE", "BatchResponse");
            ArrayNode a = o.putArray("responses");
            for (Checked<CommandResponse> r : b.responses()) {
                a.add(r.isOk() ? encode(r.orThrow()) : ProblemJson.encode(r.problemOption().orElseThrow()));
            }
        } else {
            o.put("TYPE", "Accepted");
        }
        return o;
    }

    public static Checked<CommandResponse> decodeResponse(JsonNode json) {
        return JsonCursor.decode(json, CommandJson::response);
    }

    static CommandResponse response(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "Accepted":
                return CommandResponse.ACCEPTED;
            case "AddOrder.Response":
                return new CommandResponse.AddOrderResponse(c.optionalBool("ignoredBecauseDuplicate"));
            case "DailyPlanResponse":
                return new CommandResponse.DailyPlanResponse(c.required("orderIds").list(JsonCursor::string));
            case "BatchResponse":
                return new CommandResponse.BatchResponse(c.required("responses").list(r ->
                        r.type().equals("Problem") ? Checked.fail(ProblemJson.decode(r)) : Checked.ok(response(r))));
            default:
                throw c.child("TYPE").fail("unknown command response TYPE '" + type + "'");
        }
    }
}
