package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.HistoryOperation;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.workflow.Position;
import java.util.List;
import java.util.Optional;

/**
 * Order marks and what they carry, in the JS7 engine format: cancellation modes
 * ({@code {"TYPE":"FreshOrStarted","kill":{…}}}), suspension modes, history operations and the resume
 * fields commands, marks and events write. False booleans and empty lists are omitted where JS7 omits them.
 */
public final class OrderMarkJson {
    private OrderMarkJson() {}

    /** An order mark: {@code {"TYPE":"Cancelling","mode":…}} etc. */
    public static Checked<OrderMark> decodeMark(JsonNode json) {
        return JsonCursor.decode(json, OrderMarkJson::mark);
    }

    /** {@code {"TYPE":"FreshOnly"}} or {@code {"TYPE":"FreshOrStarted","kill":{"immediately":true}}}. */
    public static ObjectNode encode(CancellationMode mode) {
        ObjectNode o = EngineJson.object();
        if (mode instanceof CancellationMode.FreshOrStarted f) {
            o.put("TYPE", "FreshOrStarted");
            f.kill().ifPresent(k -> o.set("kill", encode(k)));
        } else {
            o.put("TYPE", "FreshOnly");
        }
        return o;
    }

    static CancellationMode cancellationMode(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "FreshOnly":
                return CancellationMode.FRESH_ONLY;
            case "FreshOrStarted":
                return new CancellationMode.FreshOrStarted(c.optional("kill").map(OrderMarkJson::kill));
            default:
                throw c.child("TYPE").fail("unknown cancellation mode TYPE '" + type + "'");
        }
    }

    static ObjectNode encode(CancellationMode.Kill kill) {
        ObjectNode o = EngineJson.object();
        o.put("immediately", kill.immediately());
        kill.workflowPosition().ifPresent(wp -> o.set("workflowPosition", OrderJson.encode(wp)));
        return o;
    }

    static CancellationMode.Kill kill(JsonCursor c) {
        return new CancellationMode.Kill(c.optionalBool("immediately"),
                c.optional("workflowPosition").map(OrderJson::workflowPosition));
    }

    /** {@code {"resetState":true,"kill":{"immediately":false}}}; defaults omitted. */
    public static ObjectNode encode(SuspensionMode mode) {
        ObjectNode o = EngineJson.object();
        o.put("resetState", mode.resetState()); // as JS7: always written
        mode.kill().ifPresent(k -> o.set("kill", encode(k)));
        return o;
    }

    static SuspensionMode suspensionMode(JsonCursor c) {
        return new SuspensionMode(c.optionalBool("resetState"), c.optional("kill").map(OrderMarkJson::kill));
    }

    public static ObjectNode encode(HistoryOperation op) {
        ObjectNode o = EngineJson.object();
        if (op instanceof HistoryOperation.Replace r) {
            o.put("TYPE", "Replace");
            o.set("position", PositionJson.encode(r.position()));
            o.set("outcome", OutcomeJson.encode(r.outcome()));
        } else if (op instanceof HistoryOperation.Insert i) {
            o.put("TYPE", "Insert");
            o.set("before", PositionJson.encode(i.before()));
            o.set("position", PositionJson.encode(i.position()));
            o.set("outcome", OutcomeJson.encode(i.outcome()));
        } else if (op instanceof HistoryOperation.Delete d) {
            o.put("TYPE", "Delete");
            o.set("position", PositionJson.encode(d.position()));
        } else {
            HistoryOperation.Append a = (HistoryOperation.Append) op;
            o.put("TYPE", "Append");
            o.set("position", PositionJson.encode(a.position()));
            o.set("outcome", OutcomeJson.encode(a.outcome()));
        }
        return o;
    }

    static HistoryOperation historyOperation(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "Replace":
                return new HistoryOperation.Replace(PositionJson.position(c.required("position")),
                        OutcomeJson.decode(c.required("outcome")));
            case "Insert":
                return new HistoryOperation.Insert(PositionJson.position(c.required("before")),
                        PositionJson.position(c.required("position")), OutcomeJson.decode(c.required("outcome")));
            case "Delete":
                return new HistoryOperation.Delete(PositionJson.position(c.required("position")));
            case "Append":
                return new HistoryOperation.Append(PositionJson.position(c.required("position")),
                        OutcomeJson.decode(c.required("outcome")));
            default:
                throw c.child("TYPE").fail("unknown history operation TYPE '" + type + "'");
        }
    }

    static List<HistoryOperation> historyOperations(JsonCursor c) {
        return c.optional("historyOperations").map(a -> a.list(OrderMarkJson::historyOperation)).orElse(List.of());
    }

    /** A command's or mark's resume fields: the defaults are not written. */
    static void putResumeFields(ObjectNode o, Optional<Position> position, List<HistoryOperation> ops, boolean asSucceeded,
                                boolean restartKilledJob) {
        position.ifPresent(p -> o.set("position", PositionJson.encode(p)));
        if (!ops.isEmpty()) {
            ArrayNode a = o.putArray("historyOperations");
            ops.forEach(op -> a.add(encode(op)));
        }
        JobJson.putTrue(o, "asSucceeded", asSucceeded);
        JobJson.putTrue(o, "restartKilledJob", restartKilledJob);
    }

    /** An order event's resume fields: as JS7 writes them, every one. */
    static void putAllResumeFields(ObjectNode o, Optional<Position> position, List<HistoryOperation> ops, boolean asSucceeded,
                                   boolean restartKilledJob) {
        position.ifPresent(p -> o.set("position", PositionJson.encode(p)));
        ArrayNode a = o.putArray("historyOperations");
        ops.forEach(op -> a.add(encode(op)));
        o.put("asSucceeded", asSucceeded);
        o.put("restartKilledJob", restartKilledJob);
    }

    public static ObjectNode encode(OrderMark mark) {
        ObjectNode o = EngineJson.object();
        switch (mark.kind()) {
            case CANCELLING -> {
                o.put("TYPE", "Cancelling");
                o.set("mode", encode(((OrderMark.Cancelling) mark).mode()));
            }
            case SUSPENDING -> {
                o.put("TYPE", "Suspending");
                o.set("mode", encode(((OrderMark.Suspending) mark).mode()));
            }
            case RESUMING -> {
                OrderMark.Resuming r = (OrderMark.Resuming) mark;
                o.put("TYPE", "Resuming");
                putResumeFields(o, r.position(), r.historyOperations(), r.asSucceeded(), r.restartKilledJob());
            }
            case GO -> {
                o.put("TYPE", "Go");
                o.set("position", PositionJson.encode(((OrderMark.Go) mark).position()));
            }
        }
        return o;
    }

    static OrderMark mark(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "Cancelling":
                return new OrderMark.Cancelling(cancellationMode(c.required("mode")));
            case "Suspending":
                return new OrderMark.Suspending(c.optional("mode").map(OrderMarkJson::suspensionMode).orElse(SuspensionMode.STANDARD));
            case "Resuming":
                return new OrderMark.Resuming(c.optional("position").map(PositionJson::position), historyOperations(c),
                        c.optionalBool("asSucceeded"), c.optionalBool("restartKilledJob"));
            case "Go":
                return new OrderMark.Go(PositionJson.position(c.required("position")));
            default:
                throw c.child("TYPE").fail("unknown order mark TYPE '" + type + "'");
        }
    }
}
