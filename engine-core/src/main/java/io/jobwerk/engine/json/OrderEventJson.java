package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.OrderEvent.ForkedChild;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.workflow.Instruction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Order events in the JS7 engine format, alone ({@code {"TYPE":"OrderMoved","to":[1,"try+0",0]}}) and
 * as a stamped, keyed event of the event stream and journal:
 * {@code {"eventId":…,"timestamp":…,"Key":"ORDER-ID","TYPE":"OrderProcessed","outcome":{…}}}, with
 * {@code timestamp} (epoch ms) only when it is not the event id's own time. Timestamps inside events
 * are epoch milliseconds; false booleans and empty collections are omitted except where JS7 always
 * writes them ({@code OrderAdded.planId}, {@code OrderProcessingStarted.stick}).
 */
public final class OrderEventJson {
    private OrderEventJson() {}

    private static final Map<String, OrderEvent.Kind> TYPE_TO_KIND = new HashMap<>();

    static {
        for (OrderEvent.Kind k : OrderEvent.Kind.values()) {
            TYPE_TO_KIND.put(k.typeName(), k);
        }
    }

    static boolean isType(String type) {
        return TYPE_TO_KIND.containsKey(type);
    }

    public static Checked<OrderEvent> decode(JsonNode json) {
        return JsonCursor.decode(json, OrderEventJson::event);
    }

    /**
     * Decodes a line of the event stream whose event is an order event; its {@code Key} is the OrderId.
     * Other events (items, agents, controller) are a problem naming their TYPE.
     */
    public static Checked<Stamped<OrderEvent>> decodeStamped(JsonNode json) {
        return JsonCursor.decode(json, c -> {
            long eventId = c.required("eventId").longValue();
            if (eventId < 0) {
                throw c.child("eventId").fail("eventId must not be negative, found " + eventId);
            }
            Optional<Long> timestamp = c.optional("timestamp").map(JsonCursor::longValue);
            OrderId key = OrderJson.anyOrderId(c.required("Key"));
            OrderEvent event = event(c);
            return new Stamped<>(eventId, timestamp, KeyedEvent.of(key, event));
        });
    }

    public static ObjectNode encodeStamped(Stamped<? extends OrderEvent> stamped) {
        ObjectNode o = EngineJson.object();
        o.put("eventId", stamped.eventId());
        stamped.timestampMillis().ifPresent(t -> o.put("timestamp", t));
        stamped.keyedEvent().key().ifPresent(k -> o.put("Key", k));
        o.setAll(encode(stamped.keyedEvent().event()));
        return o;
    }

    /** {@code {"TYPE":…, fields…}}. */
    public static ObjectNode encode(OrderEvent event) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", event.typeName());
        switch (event.kind()) {
            case ADDED -> {
                OrderEvent.OrderAdded e = (OrderEvent.OrderAdded) event;
                o.set("workflowId", OrderJson.encode(e.workflowId()));
                OrderJson.putNamedValues(o, "arguments", e.arguments());
                e.scheduledFor().ifPresent(t -> o.put("scheduledFor", t.toEpochMilli()));
                o.set("planId", OrderJson.encode(e.planId()));
                e.externalOrder().ifPresent(x -> o.set("externalOrder", OrderJson.encode(x)));
                JobJson.putTrue(o, "deleteWhenTerminated", e.deleteWhenTerminated());
                JobJson.putTrue(o, "forceAdmission", e.forceAdmission());
                OrderJson.putPositionFields(o, e.innerBlock(), e.startPosition(), e.stopPositions());
                OrderJson.putPriority(o, e.priority());
            }
            case ORDER_ADDED -> {
                OrderEvent.OrderOrderAdded e = (OrderEvent.OrderOrderAdded) event;
                o.put("orderId", e.orderId().string());
                o.set("workflowId", OrderJson.encode(e.workflowId()));
                OrderJson.putNamedValues(o, "arguments", e.arguments());
                if (!e.planId().equals(io.jobwerk.engine.order.PlanId.GLOBAL)) { // as JS7: the global plan is not written here
                    o.set("planId", OrderJson.encode(e.planId()));
                }
                OrderJson.putPositionFields(o, e.innerBlock(), e.startPosition(), e.stopPositions());
                JobJson.putTrue(o, "deleteWhenTerminated", e.deleteWhenTerminated());
                JobJson.putTrue(o, "forceAdmission", e.forceAdmission());
                OrderJson.putPriority(o, e.priority());
            }
            case ATTACHABLE -> o.put("agentPath", ((OrderEvent.OrderAttachable) event).agentPath().string());
            case ATTACHED_TO_AGENT -> o.set("order", OrderJson.encode(((OrderEvent.OrderAttachedToAgent) event).order()));
            case ATTACHED -> o.put("agentPath", ((OrderEvent.OrderAttached) event).agentPath().string());
            case PROCESSING_STARTED -> {
                OrderEvent.OrderProcessingStarted e = (OrderEvent.OrderProcessingStarted) event;
                o.put("subagentId", e.subagentId().string());
                o.put("stick", e.stick());  // JS7 writes it even when false
            }
            case STDOUT_WRITTEN -> o.put("chunk", ((OrderEvent.OrderStdoutWritten) event).chunk());
            case STDERR_WRITTEN -> o.put("chunk", ((OrderEvent.OrderStderrWritten) event).chunk());
            case PROCESSED -> o.set("outcome", OutcomeJson.encode(((OrderEvent.OrderProcessed) event).outcome()));
            case MOVED -> {
                OrderEvent.OrderMoved e = (OrderEvent.OrderMoved) event;
                o.set("to", PositionJson.encode(e.to()));
                e.reason().ifPresent(r -> o.putObject("reason").put("TYPE", r));
            }
            case OUTCOME_ADDED -> o.set("outcome", OutcomeJson.encode(((OrderEvent.OrderOutcomeAdded) event).outcome()));
            case FAILED -> o.set("movedTo", PositionJson.encode(((OrderEvent.OrderFailed) event).movedTo()));
            case FAILED_IN_FORK -> o.set("movedTo", PositionJson.encode(((OrderEvent.OrderFailedInFork) event).movedTo()));
            case CAUGHT -> o.set("movedTo", PositionJson.encode(((OrderEvent.OrderCaught) event).movedTo()));
            case RETRYING -> {
                OrderEvent.OrderRetrying e = (OrderEvent.OrderRetrying) event;
                e.delayedUntil().ifPresent(t -> o.put("delayedUntil", t.toEpochMilli()));
            }
            case FORKED -> {
                ArrayNode a = o.putArray("children");
                for (ForkedChild child : ((OrderEvent.OrderForked) event).children()) {
                    ObjectNode co = a.addObject();
                    co.put("orderId", child.orderId().string());
                    child.branchId().ifPresent(b -> co.put("branchId", b));
                    OrderJson.putNamedValues(co, "arguments", child.arguments());
                }
            }
            case JOINED -> o.set("outcome", OutcomeJson.encode(((OrderEvent.OrderJoined) event).outcome()));
            case FINISHED -> ((OrderEvent.OrderFinished) event).outcome().ifPresent(out -> o.set("outcome", OutcomeJson.encode(out)));
            case LOCKS_QUEUED -> putDemands(o, ((OrderEvent.OrderLocksQueued) event).demands());
            case LOCKS_ACQUIRED -> putDemands(o, ((OrderEvent.OrderLocksAcquired) event).demands());
            case LOCKS_RELEASED -> putLockPaths(o, ((OrderEvent.OrderLocksReleased) event).lockPaths());
            case LOCKS_DEQUEUED -> putLockPaths(o, ((OrderEvent.OrderLocksDequeued) event).lockPaths());
            case NOTICE_POSTED -> {
                Notice n = ((OrderEvent.OrderNoticePosted) event).notice();
                o.set("noticeId", OrderJson.encodeAsPair(n.id()));
                n.endOfLife().ifPresent(t -> o.put("endOfLife", t.toEpochMilli()));
            }
            case NOTICES_EXPECTED -> {
                ArrayNode a = o.putArray("noticeIds");
                ((OrderEvent.OrderNoticesExpected) event).expected().forEach(id -> a.add(OrderJson.encodeAsPair(id)));
            }
            case NOTICES_CONSUMPTION_STARTED -> {
                ArrayNode a = o.putArray("noticeIds");
                ((OrderEvent.OrderNoticesConsumptionStarted) event).consumptions().forEach(id -> a.add(OrderJson.encodeAsPair(id)));
            }
            case NOTICES_CONSUMED -> o.put("failed", ((OrderEvent.OrderNoticesConsumed) event).failed()); // as JS7: always written
            case PROMPTED -> o.set("question", ValueJson.encodeOrThrow(((OrderEvent.OrderPrompted) event).question()));
            case CYCLING_PREPARED -> o.set("cycleState", OrderJson.encode(((OrderEvent.OrderCyclingPrepared) event).cycleState()));
            case CYCLE_FINISHED -> ((OrderEvent.OrderCycleFinished) event).cycleState()
                    .ifPresent(cs -> o.set("cycleState", OrderJson.encode(cs)));
            case SLEEPING -> {
                o.put("until", ((OrderEvent.OrderSleeping) event).until().toEpochMilli());
                o.putObject("cause").put("TYPE", "SleepInstruction");
            }
            case WAITING_FOR_ADMISSION -> o.put("until", ((OrderEvent.OrderWaitingForAdmission) event).until().toEpochMilli());
            case SUSPENSION_MARKED -> o.set("mode", OrderMarkJson.encode(((OrderEvent.OrderSuspensionMarked) event).mode()));
            case RESUMPTION_MARKED -> {
                OrderEvent.OrderResumptionMarked e = (OrderEvent.OrderResumptionMarked) event;
                OrderMarkJson.putAllResumeFields(o, e.position(), e.historyOperations(), e.asSucceeded(), e.restartKilledJob());
            }
            case RESUMED -> {
                OrderEvent.OrderResumed e = (OrderEvent.OrderResumed) event;
                OrderMarkJson.putAllResumeFields(o, e.position(), e.historyOperations(), e.asSucceeded(), e.restartKilledJob());
            }
            case CANCELLATION_MARKED -> o.set("mode", OrderMarkJson.encode(((OrderEvent.OrderCancellationMarked) event).mode()));
            case GO_MARKED -> o.set("position", PositionJson.encode(((OrderEvent.OrderGoMarked) event).position()));
            case BROKEN -> ((OrderEvent.OrderBroken) event).problem().ifPresent(p -> o.set("problem", ProblemJson.encode(p)));
            case TRANSFERRED -> o.set("workflowPosition",
                    OrderJson.encode(((OrderEvent.OrderTransferred) event).workflowPosition()));
            case PRIORITY_CHANGED -> o.set("priority", EngineJson.number(((OrderEvent.OrderPriorityChanged) event).priority()));
            case STICKY_SUBAGENT_ENTERED -> {
                OrderEvent.OrderStickySubagentEntered e = (OrderEvent.OrderStickySubagentEntered) event;
                o.put("agentPath", e.agentPath().string());
                e.subagentBundleId().ifPresent(b -> o.put("subagentBundleId", b.string()));
            }
            case PLAN_ATTACHED -> o.set("planId", OrderJson.encode(((OrderEvent.OrderPlanAttached) event).planId()));
            case DETACHABLE, DETACHED, STARTED, PROCESSING_KILLED, AWOKE, CANCELLED, DELETION_MARKED, DELETED, NOTICES_READ, PROMPT_ANSWERED,
                    CYCLE_STARTED, SUSPENDED, CANCELLATION_MARKED_ON_AGENT, SUSPENSION_MARKED_ON_AGENT, STATE_RESET, OPERATION_CANCELLED, GOES, STOPPED,
                    STICKY_SUBAGENT_LEAVED, EXTERNAL_VANISHED -> { }
        }
        return o;
    }

    private static void putDemands(ObjectNode o, List<Instruction.LockDemand> demands) {
        ArrayNode a = o.putArray("demands");
        for (Instruction.LockDemand d : demands) {
            ObjectNode dn = a.addObject();
            dn.put("lockPath", d.lockPath().string());
            d.count().ifPresent(n -> dn.put("count", n));
        }
    }

    private static void putLockPaths(ObjectNode o, List<LockPath> lockPaths) {
        ArrayNode a = o.putArray("lockPaths");
        lockPaths.forEach(p -> a.add(p.string()));
    }

    static OrderEvent event(JsonCursor c) {
        String type = c.type();
        OrderEvent.Kind kind = TYPE_TO_KIND.get(type);
        if (kind == null) {
            throw c.child("TYPE").fail("unknown order event TYPE '" + type + "'");
        }
        return c.construct(() -> switch (kind) {
            case ADDED -> new OrderEvent.OrderAdded(OrderJson.workflowId(c.required("workflowId")),
                    OrderJson.namedValues(c, "arguments"), c.optional("scheduledFor").map(JsonCursor::instant),
                    OrderJson.planIdOrGlobal(c), c.optional("externalOrder").map(OrderJson::externalOrder),
                    c.optionalBool("deleteWhenTerminated"), c.optionalBool("forceAdmission"), OrderJson.innerBlock(c),
                    c.optional("startPosition").map(PositionJson::position), OrderJson.stopPositions(c),
                    OrderJson.priority(c));
            case ORDER_ADDED -> new OrderEvent.OrderOrderAdded(OrderJson.anyOrderId(c.required("orderId")),
                    OrderJson.workflowId(c.required("workflowId")), OrderJson.namedValues(c, "arguments"),
                    OrderJson.planIdOrGlobal(c), OrderJson.innerBlock(c),
                    c.optional("startPosition").map(PositionJson::position), OrderJson.stopPositions(c),
                    c.optionalBool("deleteWhenTerminated"), c.optionalBool("forceAdmission"), OrderJson.priority(c));
            case ATTACHABLE -> new OrderEvent.OrderAttachable(c.required("agentPath").as(AgentPath::checked));
            case ATTACHED_TO_AGENT -> new OrderEvent.OrderAttachedToAgent(OrderJson.order(c.required("order")));
            case ATTACHED -> new OrderEvent.OrderAttached(c.required("agentPath").as(AgentPath::checked));
            case DETACHABLE -> new OrderEvent.OrderDetachable();
            case DETACHED -> new OrderEvent.OrderDetached();
            case STARTED -> new OrderEvent.OrderStarted();
            case PROCESSING_STARTED -> new OrderEvent.OrderProcessingStarted(
                    c.required("subagentId").as(SubagentId::checked), c.optionalBool("stick"));
            case STDOUT_WRITTEN -> new OrderEvent.OrderStdoutWritten(c.requiredString("chunk"));
            case STDERR_WRITTEN -> new OrderEvent.OrderStderrWritten(c.requiredString("chunk"));
            case PROCESSED -> new OrderEvent.OrderProcessed(OutcomeJson.decode(c.required("outcome")));
            case PROCESSING_KILLED -> new OrderEvent.OrderProcessingKilled();
            case MOVED -> new OrderEvent.OrderMoved(PositionJson.position(c.required("to")),
                    c.optional("reason").map(r -> r.node().isTextual() ? r.string() : r.type()));
            case OUTCOME_ADDED -> new OrderEvent.OrderOutcomeAdded(OutcomeJson.decode(c.required("outcome")));
            case FAILED -> new OrderEvent.OrderFailed(PositionJson.position(c.required("movedTo")));
            case FAILED_IN_FORK -> new OrderEvent.OrderFailedInFork(PositionJson.position(c.required("movedTo")));
            case CAUGHT -> new OrderEvent.OrderCaught(PositionJson.position(c.required("movedTo")));
            case RETRYING -> new OrderEvent.OrderRetrying(c.optional("delayedUntil").map(JsonCursor::instant));
            case AWOKE -> new OrderEvent.OrderAwoke();
            case FORKED -> new OrderEvent.OrderForked(c.required("children").list(ch -> new ForkedChild(
                    OrderJson.anyOrderId(ch.required("orderId")), ch.optionalString("branchId"),
                    OrderJson.namedValues(ch, "arguments"))));
            case JOINED -> new OrderEvent.OrderJoined(OutcomeJson.decode(c.required("outcome")));
            case FINISHED -> new OrderEvent.OrderFinished(c.optional("outcome").map(OutcomeJson::completed));
            case CANCELLED -> new OrderEvent.OrderCancelled();
            case DELETION_MARKED -> new OrderEvent.OrderDeletionMarked();
            case DELETED -> new OrderEvent.OrderDeleted();
            case LOCKS_QUEUED -> new OrderEvent.OrderLocksQueued(demands(c));
            case LOCKS_ACQUIRED -> new OrderEvent.OrderLocksAcquired(demands(c));
            case LOCKS_RELEASED -> new OrderEvent.OrderLocksReleased(lockPaths(c));
            case LOCKS_DEQUEUED -> new OrderEvent.OrderLocksDequeued(lockPaths(c));
            case NOTICE_POSTED -> {
                // JS7 2.9: noticeId [board, key] and endOfLife beside; Jobwerk's journals before: notice{…}
                JsonCursor n = c.optional("notice").orElse(c);
                JsonCursor id = c.optional("noticeId").orElse(n);
                yield new OrderEvent.OrderNoticePosted(new Notice(OrderJson.anyNoticeId(id),
                        n.optional("endOfLife").map(JsonCursor::instant)));
            }
            case NOTICES_EXPECTED -> new OrderEvent.OrderNoticesExpected(c.optional("noticeIds").orElseGet(() -> c.required("expected"))
                    .list(OrderJson::anyNoticeId));
            case NOTICES_READ -> new OrderEvent.OrderNoticesRead();
            case NOTICES_CONSUMPTION_STARTED -> new OrderEvent.OrderNoticesConsumptionStarted(
                    c.optional("noticeIds").orElseGet(() -> c.required("consumptions")).list(OrderJson::anyNoticeId));
            case NOTICES_CONSUMED -> new OrderEvent.OrderNoticesConsumed(c.optionalBool("failed"));
            case PROMPTED -> new OrderEvent.OrderPrompted(ValueJson.decode(c.required("question")));
            case PROMPT_ANSWERED -> new OrderEvent.OrderPromptAnswered();
            case CYCLING_PREPARED -> new OrderEvent.OrderCyclingPrepared(OrderJson.cycleState(c.required("cycleState")));
            case CYCLE_STARTED -> new OrderEvent.OrderCycleStarted();
            case CYCLE_FINISHED -> new OrderEvent.OrderCycleFinished(c.optional("cycleState").map(OrderJson::cycleState));
            case SLEEPING -> new OrderEvent.OrderSleeping(c.required("until").instant());
            case WAITING_FOR_ADMISSION -> new OrderEvent.OrderWaitingForAdmission(c.required("until").instant());
            case SUSPENSION_MARKED -> new OrderEvent.OrderSuspensionMarked(c.optional("mode")
                    .map(OrderMarkJson::suspensionMode).orElse(io.jobwerk.engine.order.SuspensionMode.STANDARD));
            case SUSPENDED -> new OrderEvent.OrderSuspended();
            case RESUMPTION_MARKED -> new OrderEvent.OrderResumptionMarked(c.optional("position").map(PositionJson::position),
                    OrderMarkJson.historyOperations(c), c.optionalBool("asSucceeded"), c.optionalBool("restartKilledJob"));
            case RESUMED -> new OrderEvent.OrderResumed(c.optional("position").map(PositionJson::position),
                    OrderMarkJson.historyOperations(c), c.optionalBool("asSucceeded"), c.optionalBool("restartKilledJob"));
            case CANCELLATION_MARKED -> new OrderEvent.OrderCancellationMarked(OrderMarkJson.cancellationMode(c.required("mode")));
            case CANCELLATION_MARKED_ON_AGENT -> new OrderEvent.OrderCancellationMarkedOnAgent();
            case SUSPENSION_MARKED_ON_AGENT -> new OrderEvent.OrderSuspensionMarkedOnAgent();
            case STATE_RESET -> new OrderEvent.OrderStateReset();
            case OPERATION_CANCELLED -> new OrderEvent.OrderOperationCancelled();
            case GO_MARKED -> new OrderEvent.OrderGoMarked(PositionJson.position(c.required("position")));
            case GOES -> new OrderEvent.OrderGoes();
            case STOPPED -> new OrderEvent.OrderStopped();
            case BROKEN -> new OrderEvent.OrderBroken(c.optional("problem").map(ProblemJson::decode));
            case TRANSFERRED -> new OrderEvent.OrderTransferred(OrderJson.workflowPosition(c.required("workflowPosition")));
            case PRIORITY_CHANGED -> new OrderEvent.OrderPriorityChanged(c.required("priority").decimal());
            case STICKY_SUBAGENT_ENTERED -> new OrderEvent.OrderStickySubagentEntered(
                    c.required("agentPath").as(AgentPath::checked),
                    c.optional("subagentBundleId").map(b -> b.as(SubagentBundleId::checked)));
            case STICKY_SUBAGENT_LEAVED -> new OrderEvent.OrderStickySubagentLeaved();
            case EXTERNAL_VANISHED -> new OrderEvent.OrderExternalVanished();
            case PLAN_ATTACHED -> new OrderEvent.OrderPlanAttached(OrderJson.planId(c.required("planId")));
        });
    }

    private static List<Instruction.LockDemand> demands(JsonCursor c) {
        return c.required("demands").list(d -> {
            LockPath lockPath = d.required("lockPath").as(LockPath::checked);
            Optional<Integer> count = d.optional("count").map(JsonCursor::intValue);
            return d.construct(() -> new Instruction.LockDemand(lockPath, count));
        });
    }

    private static List<LockPath> lockPaths(JsonCursor c) {
        return c.required("lockPaths").list(p -> p.as(LockPath::checked));
    }
}
