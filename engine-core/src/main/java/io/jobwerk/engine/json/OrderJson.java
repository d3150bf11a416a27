package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.CycleState;
import io.jobwerk.engine.order.ExternalOrderLink;
import io.jobwerk.engine.order.HistoricOutcome;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.order.StickySubagentEntry;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.FileWatchPath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import io.jobwerk.engine.workflow.WorkflowPosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders (snapshot objects) and the order-related values events and commands carry, in the JS7
 * engine format: {@code workflowId {path, versionId}}, {@code workflowPosition {workflowId, position}},
 * {@code planId} ({@code []} for the global plan, else {@code ["DailyPlan","2025-02-26"]}), order states
 * ({@code {"TYPE":"Processing","subagentId":"…"}}), cycle states, notice ids; marks, their modes and history
 * operations in {@link OrderMarkJson}. Timestamps are epoch milliseconds. False booleans, empty maps/lists and
 * priority 0 are omitted.
 */
public final class OrderJson {
    private OrderJson() {}

    public static Checked<Order> decode(JsonNode json) {
        return JsonCursor.decode(json, OrderJson::order);
    }

    /** A workflow id: {@code {"path":…,"versionId":…}}. */
    public static Checked<WorkflowId> decodeWorkflowId(JsonNode json) {
        return JsonCursor.decode(json, OrderJson::workflowId);
    }

    /** An order as in a snapshot: {@code {"TYPE":"Order","id":…,"workflowPosition":…,"state":…,…}}. */
    public static ObjectNode encode(Order order) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", "Order");
        o.put("id", order.id().string());
        o.set("workflowPosition", encode(order.workflowPosition()));
        o.set("state", encode(order.state()));
        putNamedValues(o, "arguments", order.arguments());
        order.scheduledFor().ifPresent(t -> o.put("scheduledFor", t.toEpochMilli()));
        order.externalOrder().ifPresent(e -> o.set("externalOrder", encode(e)));
        if (!order.historicOutcomes().isEmpty()) {
            ArrayNode a = o.putArray("historicOutcomes");
            for (HistoricOutcome h : order.historicOutcomes()) {
                ObjectNode ho = a.addObject();
                ho.set("position", PositionJson.encode(h.position()));
                ho.set("outcome", OutcomeJson.encode(h.outcome()));
            }
        }
        order.attachedState().ifPresent(s -> o.set("attachedState", encode(s)));
        order.parent().ifPresent(p -> o.put("parent", p.string()));
        order.mark().ifPresent(m -> o.set("mark", OrderMarkJson.encode(m)));
        JobJson.putTrue(o, "isSuspended", order.isSuspended());
        JobJson.putTrue(o, "isResumed", order.isResumed());
        JobJson.putTrue(o, "deleteWhenTerminated", order.deleteWhenTerminated());
        JobJson.putTrue(o, "forceAdmission", order.forceAdmission());
        if (!order.stickySubagents().isEmpty()) {
            ArrayNode a = o.putArray("stickySubagents");
            for (StickySubagentEntry s : order.stickySubagents()) {
                ObjectNode so = a.addObject();
                so.put("agentPath", s.agentPath().string());
                s.subagentBundleId().ifPresent(b -> so.put("subagentBundleId", b.string()));
                s.stuckSubagentId().ifPresent(b -> so.put("stuckSubagentId", b.string()));
            }
        }
        putPositionFields(o, order.innerBlock(), Optional.empty(), order.stopPositions());
        putPriority(o, order.priority());
        o.set("planId", encode(order.planId()));
        return o;
    }

    static Order order(JsonCursor c) {
        c.requireObject();
        c.optional("TYPE").ifPresent(t -> {
            if (!t.string().equals("Order")) {
                throw t.fail("expected 'Order', found '" + t.string() + "'");
            }
        });
        OrderId id = anyOrderId(c.required("id"));
        WorkflowPosition workflowPosition = workflowPosition(c.required("workflowPosition"));
        OrderState state = state(c.required("state"));
        Map<String, Value> arguments = namedValues(c, "arguments");
        Optional<Instant> scheduledFor = c.optional("scheduledFor").map(JsonCursor::instant);
        Optional<ExternalOrderLink> externalOrder = c.optional("externalOrder").map(OrderJson::externalOrder);
        List<HistoricOutcome> historicOutcomes = c.optional("historicOutcomes").map(a -> a.list(h ->
                new HistoricOutcome(PositionJson.position(h.required("position")), OutcomeJson.decode(h.required("outcome")))))
                .orElse(List.of());
        Optional<AttachedState> attachedState = c.optional("attachedState").map(OrderJson::attachedState);
        Optional<OrderId> parent = c.optional("parent").map(OrderJson::anyOrderId);
        Optional<OrderMark> mark = c.optional("mark").map(OrderMarkJson::mark);
        List<StickySubagentEntry> sticky = c.optional("stickySubagents").map(a -> a.list(s -> new StickySubagentEntry(
                s.required("agentPath").as(AgentPath::checked),
                s.optional("subagentBundleId").map(b -> b.as(SubagentBundleId::checked)),
                s.optional("stuckSubagentId").map(b -> b.as(SubagentId::checked))))).orElse(List.of());
        return c.construct(() -> new Order(id, workflowPosition, state, arguments, scheduledFor, externalOrder,
                historicOutcomes, attachedState, parent, mark, c.optionalBool("isSuspended"), c.optionalBool("isResumed"),
                c.optionalBool("deleteWhenTerminated"), c.optionalBool("forceAdmission"), sticky, innerBlock(c),
                stopPositions(c), priority(c), planIdOrGlobal(c)));
    }

    // Shared pieces

    /** An existing order's id, which may be a child's ({@code parent|branch}); user-given ids use {@code OrderId::checked}. */
    static OrderId anyOrderId(JsonCursor c) {
        String s = c.string();
        return c.construct(() -> new OrderId(s));
    }

    static Map<String, Value> namedValues(JsonCursor c, String key) {
        return c.optional(key).map(ValueJson::namedValues).orElse(Map.of());
    }

    static void putNamedValues(ObjectNode o, String key, Map<String, Value> values) {
        if (!values.isEmpty()) {
            o.set(key, ValueJson.namedValuesToJson(values));
        }
    }

    static Optional<List<Position.Segment>> innerBlock(JsonCursor c) {
        return c.optional("innerBlock").map(PositionJson::branchPath);
    }

    static List<PositionOrLabel> stopPositions(JsonCursor c) {
        return c.optional("stopPositions").map(a -> a.list(PositionJson::positionOrLabel)).orElse(List.of());
    }

    static void putPositionFields(ObjectNode o, Optional<List<Position.Segment>> innerBlock, Optional<Position> startPosition,
                                  List<PositionOrLabel> stopPositions) {
        innerBlock.ifPresent(b -> o.set("innerBlock", PositionJson.encodeBranchPath(b)));
        startPosition.ifPresent(p -> o.set("startPosition", PositionJson.encode(p)));
        if (!stopPositions.isEmpty()) {
            ArrayNode a = o.putArray("stopPositions");
            stopPositions.forEach(p -> a.add(PositionJson.encode(p)));
        }
    }

    static BigDecimal priority(JsonCursor c) {
        return c.optional("priority").map(JsonCursor::decimal).orElse(BigDecimal.ZERO);
    }

    static void putPriority(ObjectNode o, BigDecimal priority) {
        if (priority.signum() != 0) {
            o.set("priority", EngineJson.number(priority));
        }
    }

    public static ObjectNode encode(WorkflowId id) {
        ObjectNode o = EngineJson.object();
        o.put("path", id.path().string());
        o.put("versionId", id.versionId().string());
        return o;
    }

    static WorkflowId workflowId(JsonCursor c) {
        WorkflowPath path = c.required("path").as(WorkflowPath::checked);
        VersionId versionId = c.required("versionId").as(VersionId::checked);
        return new WorkflowId(path, versionId);
    }

    public static ObjectNode encode(WorkflowPosition wp) {
        ObjectNode o = EngineJson.object();
        o.set("workflowId", encode(wp.workflowId()));
        o.set("position", PositionJson.encode(wp.position()));
        return o;
    }

    static WorkflowPosition workflowPosition(JsonCursor c) {
        return new WorkflowPosition(workflowId(c.required("workflowId")), PositionJson.position(c.required("position")));
    }

    public static ArrayNode encode(PlanId planId) {
        ArrayNode a = EngineJson.array();
        if (!planId.isGlobal()) {
            a.add(planId.planSchemaId());
            a.add(planId.planKey());
        }
        return a;
    }

    static PlanId planId(JsonCursor c) {
        List<JsonCursor> parts = c.elements();
        if (parts.isEmpty()) {
            return PlanId.GLOBAL;
        }
        if (parts.size() != 2) {
            throw c.fail("expected [] or [planSchemaId, planKey], found " + parts.size() + " elements");
        }
        return new PlanId(parts.get(0).string(), parts.get(1).string());
    }

    static PlanId planIdOrGlobal(JsonCursor c) {
        return c.optional("planId").map(OrderJson::planId).orElse(PlanId.GLOBAL);
    }

    static ObjectNode encode(ExternalOrderLink e) {
        ObjectNode o = EngineJson.object();
        o.put("fileWatchPath", e.fileWatchPath().string());
        o.put("name", e.name());
        JobJson.putTrue(o, "vanished", e.vanished());
        return o;
    }

    static ExternalOrderLink externalOrder(JsonCursor c) {
        return new ExternalOrderLink(c.required("fileWatchPath").as(FileWatchPath::checked), c.requiredString("name"),
                c.optionalBool("vanished"));
    }

    static ObjectNode encode(AttachedState s) {
        ObjectNode o = EngineJson.object();
        String type = s instanceof AttachedState.Attaching ? "Attaching"
                : s instanceof AttachedState.Attached ? "Attached" : "Detaching";
        o.put("TYPE", type);
        o.put("agentPath", s.agentPath().string());
        return o;
    }

    static AttachedState attachedState(JsonCursor c) {
        String type = c.type();
        AgentPath agentPath = c.required("agentPath").as(AgentPath::checked);
        switch (type) {
            case "Attaching":
                return new AttachedState.Attaching(agentPath);
            case "Attached":
                return new AttachedState.Attached(agentPath);
            case "Detaching":
                return new AttachedState.Detaching(agentPath);
            default:
                throw c.child("TYPE").fail("unknown attached state TYPE '" + type + "'");
        }
    }

    /** Order states: {@code {"TYPE":"Ready"}}, {@code {"TYPE":"Processing","subagentId":"S"}} … */
    public static ObjectNode encode(OrderState state) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", state.kind().typeName());
        switch (state.kind()) {
            case PROCESSING -> o.put("subagentId", ((OrderState.Processing) state).subagentId().string());
            case DELAYING_RETRY -> o.put("until", ((OrderState.DelayingRetry) state).until().toEpochMilli());
            case DELAYED_AFTER_ERROR -> o.put("until", ((OrderState.DelayedAfterError) state).until().toEpochMilli());
            case FORKED -> {
                ArrayNode a = o.putArray("children");
                for (OrderState.Child child : ((OrderState.Forked) state).children()) {
                    ObjectNode co = a.addObject();
                    co.put("orderId", child.orderId().string());
                    child.branchId().ifPresent(b -> co.put("branchId", b));
                    putNamedValues(co, "arguments", child.arguments());
                }
            }
            case EXPECTING_NOTICES -> {
                ArrayNode a = o.putArray("noticeIds");
                ((OrderState.ExpectingNotices) state).noticeIds().forEach(id -> a.add(encodeAsPair(id)));
            }
            case BETWEEN_CYCLES -> ((OrderState.BetweenCycles) state).cycleState()
                    .ifPresent(cs -> o.set("cycleState", encode(cs)));
            case PROMPTING -> o.set("question", ValueJson.encodeOrThrow(((OrderState.Prompting) state).question()));
            case SLEEPING -> {
                o.put("until", ((OrderState.Sleeping) state).until().toEpochMilli());
                o.putObject("cause").put("TYPE", "SleepInstruction"); // as JS7, the only cause a Jobwerk order sleeps for
            }
            case WAITING_FOR_ADMISSION -> o.put("until", ((OrderState.WaitingForAdmission) state).until().toEpochMilli());
            case BROKEN -> ((OrderState.Broken) state).problem().ifPresent(p -> o.set("problem", ProblemJson.encode(p)));
            case FRESH, READY, PROCESSED, PROCESSING_KILLED, WAITING_FOR_LOCK, FAILED, FAILED_WHILE_FRESH, FAILED_IN_FORK,
                    STOPPED, STOPPED_WHILE_FRESH, FINISHED, CANCELLED, DELETED -> { }
        }
        return o;
    }

    static OrderState state(JsonCursor c) {
        String type = c.type();
        OrderState.Kind kind = null;
        for (OrderState.Kind k : OrderState.Kind.values()) {
            if (k.typeName().equals(type)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw c.child("TYPE").fail("unknown order state TYPE '" + type + "'");
        }
        return switch (kind) {
            case FRESH -> new OrderState.Fresh();
            case READY -> new OrderState.Ready();
            case PROCESSING -> new OrderState.Processing(c.required("subagentId").as(SubagentId::checked));
            case PROCESSED -> new OrderState.Processed();
            case PROCESSING_KILLED -> new OrderState.ProcessingKilled();
            case DELAYING_RETRY -> new OrderState.DelayingRetry(c.required("until").instant());
            case DELAYED_AFTER_ERROR -> new OrderState.DelayedAfterError(c.required("until").instant());
            case FORKED -> new OrderState.Forked(c.required("children").list(ch -> new OrderState.Child(
                    anyOrderId(ch.required("orderId")),
                    ch.optionalString("branchId"), namedValues(ch, "arguments"))));
            case WAITING_FOR_LOCK -> new OrderState.WaitingForLock();
            case EXPECTING_NOTICES -> new OrderState.ExpectingNotices(c.optional("noticeIds").map(a -> a.list(OrderJson::anyNoticeId))
                    .orElseGet(() -> c.optional("boardPaths") // Jobwerk's snapshots before: the boards alone
                            .map(a -> a.list(b -> new NoticeId(b.as(BoardPath::checked), ""))).orElse(List.of())));
            case BETWEEN_CYCLES -> new OrderState.BetweenCycles(c.optional("cycleState").map(OrderJson::cycleState));
            case PROMPTING -> new OrderState.Prompting(ValueJson.decode(c.required("question")));
            case SLEEPING -> new OrderState.Sleeping(c.required("until").instant());
            case WAITING_FOR_ADMISSION -> new OrderState.WaitingForAdmission(c.required("until").instant());
            case BROKEN -> new OrderState.Broken(c.optional("problem").map(ProblemJson::decode));
            case FAILED -> new OrderState.Failed();
            case FAILED_WHILE_FRESH -> new OrderState.FailedWhileFresh();
            case FAILED_IN_FORK -> new OrderState.FailedInFork();
            case STOPPED -> new OrderState.Stopped();
            case STOPPED_WHILE_FRESH -> new OrderState.StoppedWhileFresh();
            case FINISHED -> new OrderState.Finished();
            case CANCELLED -> new OrderState.Cancelled();
            case DELETED -> new OrderState.Deleted();
        };
    }

    static ObjectNode encode(CycleState s) {
        ObjectNode o = EngineJson.object();
        o.put("end", s.end().toEpochMilli());
        o.put("schemeIndex", s.schemeIndex());
        o.put("periodIndex", s.periodIndex());
        o.put("index", s.index());
        o.put("next", s.next().toEpochMilli());
        return o;
    }

    static CycleState cycleState(JsonCursor c) {
        return new CycleState(c.required("end").instant(), c.required("schemeIndex").intValue(),
                c.optional("periodIndex").map(JsonCursor::intValue).orElse(0), c.required("index").intValue(), c.required("next").instant());
    }

    static ObjectNode encode(NoticeId id) {
        ObjectNode o = EngineJson.object();
        o.put("boardPath", id.boardPath().string());
        o.put("noticeKey", id.noticeKey());
        return o;
    }

    /** JS7 2.9's form in order events: {@code ["BOARD", "KEY"]}. */
    static ArrayNode encodeAsPair(NoticeId id) {
        ArrayNode a = EngineJson.array();
        a.add(id.boardPath().string());
        a.add(id.noticeKey());
        return a;
    }

    /** {@code ["BOARD", "KEY"]} or {@code {"boardPath", "noticeKey"}}. */
    static NoticeId anyNoticeId(JsonCursor c) {
        if (c.node().isArray()) {
            List<String> parts = c.list(JsonCursor::string);
            if (parts.size() != 2) {
                throw c.fail("a notice id is [boardPath, noticeKey]");
            }
            return new NoticeId(c.check(BoardPath.checked(parts.get(0))), parts.get(1));
        }
        return noticeId(c);
    }

    static NoticeId noticeId(JsonCursor c) {
        return new NoticeId(c.required("boardPath").as(BoardPath::checked), c.requiredString("noticeKey"));
    }
}
