package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.state.BoardState;
import io.jobwerk.engine.state.CouplingState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.state.WorkflowPathControl;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * An {@link EngineState} as JS7-style snapshot objects: one JSON object per state object, each with a
 * {@code TYPE}, as written between the journal's {@code SNAPSHOT} separators and served by
 * {@code GET …/api/snapshot}. Written in this order, each group sorted by its key so equal states
 * give equal snapshots:
 * <ol>
 * <li>simple items ({@link ItemJson}: {@code AgentRef}, {@code Lock}, {@code GlobalBoard} …);</li>
 * <li>workflows, every version ({@code {"TYPE":"Workflow","path":…,"versionId":…,…}}, {@link WorkflowJson#encodeItem});</li>
 * <li>{@code {"TYPE":"CurrentWorkflowVersion","workflowId":{"path":…,"versionId":…}}}: the newest version
 *     of each deployed path (older versions stay while orders use them; a removed path has none);</li>
 * <li>{@code {"TYPE":"LockState","lockPath":…,"holders":[{"orderId":…,"count":n?}],"queue":[orderId…]}}
 *     for each lock held or queued for ({@code count} absent = exclusive);</li>
 * <li>{@code {"TYPE":"Notice","boardPath":…,"noticeKey":…,"endOfLife":ms?}} per posted notice;</li>
 * <li>{@code {"TYPE":"NoticeExpectation","boardPath":…,"noticeKey":…,"orderIds":[…]}} per awaited notice key;</li>
 * <li>orders ({@link OrderJson}, {@code "TYPE":"Order"}), children of a forked order as orders of their own;</li>
 * <li>{@code {"TYPE":"OrderNoticeConsumptions","orderId":…,"consumptions":[[noticeId…]…]}}, innermost block last;</li>
 * <li>{@code {"TYPE":"WorkflowPathControl","path":…,"suspended":bool,"skip":[label…]?}};</li>
 * <li>{@code {"TYPE":"WorkflowControl","workflowId":…,"breakpoints":[position…]}};</li>
 * <li>{@code {"TYPE":"ObservedEventId","peer":"Agent:PATH","eventId":n}};</li>
 * <li>{@code {"TYPE":"Coupling","key":"Agent:PATH","couplingState":"Coupled"|"CouplingFailed","since":ms?,
 *     "problem":{problem}?}} per Agent or Subagent whose coupling this node knows ({@link CouplingState};
 *     Jobwerk's, where JS7 writes an {@code AgentRefState} with its {@code couplingState}).</li>
 * </ol>
 * The Controller's {@code GET …/snapshot} heads these with JS7's {@code {"TYPE":"SnapshotEventId","eventId":n}}
 * (the last event in the state); reading skips it ({@link #snapshotEventId} finds it).
 * Lock and board states of items without holders, queue or notices are not written: the item implies them.
 *
 * <p>Reading accepts the objects in any order. A problem names the object, 1-based:
 * {@code Snapshot object 3: JSON path $.lockPath: unknown Lock 'L'} (code {@code JsonDecode}, arguments
 * {@code object} and {@code path}); duplicates and references to missing items, workflows or orders
 * are problems. Differences to JS7: JS7 writes signed items as {@code SignedItemAdded} /
 * {@code VersionedItemAdded} lines with their signatures and an {@code ItemAttachedState} per Agent;
 * Jobwerk's engine state keeps neither, and writes boards' awaiting orders explicitly instead of JS7's
 * {@code NoticePlace}.
 */
public final class EngineStateJson {
    private EngineStateJson() {}

    /** {@link #snapshotObjects} as NDJSON, one object a line: what {@code GET …/snapshot} answers. */
    public static String snapshotNdjson(EngineState state) {
        StringBuilder sb = new StringBuilder();
        for (ObjectNode o : snapshotObjects(state)) {
            sb.append(EngineJson.print(o)).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@link #snapshotNdjson(EngineState)} headed by JS7's {@code {"TYPE":"SnapshotEventId","eventId":n}}:
     * the state after event {@code eventId}, so a reader can follow the event stream from there.
     */
    public static String snapshotNdjson(EngineState state, long eventId) {
        ObjectNode head = typed("SnapshotEventId");
        head.put("eventId", eventId);
        return EngineJson.print(head) + "\n" + snapshotNdjson(state);
    }

    /** The {@code eventId} of a {@code SnapshotEventId} object among the snapshot objects, if there is one. */
    public static Optional<Long> snapshotEventId(Iterable<? extends JsonNode> objects) {
        for (JsonNode o : objects) {
            if ("SnapshotEventId".equals(o.path("TYPE").asText()) && o.path("eventId").canConvertToLong()) {
                return Optional.of(o.get("eventId").asLong());
            }
        }
        return Optional.empty();
    }

    /** The snapshot objects of the state, in the documented order. */
    public static List<ObjectNode> snapshotObjects(EngineState state) {
        List<ObjectNode> list = new ArrayList<>();
        state.items().values().stream().sorted(Comparator.comparing(Item::key)).forEach(i -> list.add(ItemJson.encode(i)));
        state.workflows().values().stream().sorted(Comparator.comparing((Workflow w) -> w.path().string())
                .thenComparing(w -> w.id().versionId().string())).forEach(w -> list.add(WorkflowJson.encodeItem(w)));
        state.currentVersions().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(WorkflowPath::string)))
                .forEach(e -> {
                    ObjectNode o = typed("CurrentWorkflowVersion");
                    o.set("workflowId", OrderJson.encode(new WorkflowId(e.getKey(), e.getValue())));
                    list.add(o);
                });
        state.locks().values().stream().filter(l -> !l.holders().isEmpty() || !l.queue().isEmpty())
                .sorted(Comparator.comparing(l -> l.lock().path())).forEach(l -> list.add(encode(l)));
        List<BoardState> boards = state.boards().values().stream()
                .sorted(Comparator.comparing(b -> b.board().path().string())).toList();
        for (BoardState b : boards) {
            b.notices().values().stream().sorted(Comparator.comparing(n -> n.id().noticeKey())).forEach(n -> {
                ObjectNode o = typed("Notice");
                o.setAll(NoticeEventJson.encode(n));
                list.add(o);
            });
        }
        for (BoardState b : boards) {
            b.expectingOrders().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                ObjectNode o = typed("NoticeExpectation");
                o.setAll(OrderJson.encode(new NoticeId(b.board().path(), e.getKey())));
                ArrayNode a = o.putArray("orderIds");
                e.getValue().stream().sorted().forEach(id -> a.add(id.string()));
                list.add(o);
            });
        }
        state.orders().values().stream().sorted(Comparator.comparing(Order::id)).forEach(o -> list.add(OrderJson.encode(o)));
        state.noticeConsumptions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode o = typed("OrderNoticeConsumptions");
            o.put("orderId", e.getKey().string());
            ArrayNode stack = o.putArray("consumptions");
            for (PVector<NoticeId> ids : e.getValue()) {
                ArrayNode a = stack.addArray();
                ids.forEach(id -> a.add(OrderJson.encode(id)));
            }
            list.add(o);
        });
        state.pathControls().values().stream().sorted(Comparator.comparing(c -> c.path().string())).forEach(c -> {
            ObjectNode o = typed("WorkflowPathControl");
            o.put("path", c.path().string());
            o.put("suspended", c.suspended());
            WorkflowControlEventJson.putSkip(o, c.skip());
            list.add(o);
        });
        state.breakpoints().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(WorkflowId::toString)))
                .forEach(e -> {
                    ObjectNode o = typed("WorkflowControl");
                    o.set("workflowId", OrderJson.encode(e.getKey()));
                    o.set("breakpoints", WorkflowControlEventJson.positions(e.getValue()));
                    list.add(o);
                });
        state.observedEventIds().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode o = typed("ObservedEventId");
            o.put("peer", e.getKey());
            o.put("eventId", e.getValue());
            list.add(o);
        });
        state.couplings().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode o = typed("Coupling");
            o.put("key", e.getKey());
            o.put("couplingState", e.getValue().status().typeName());
            e.getValue().since().ifPresent(t -> o.put("since", t.toEpochMilli()));
            e.getValue().problem().ifPresent(p -> o.set("problem", ProblemJson.encode(p)));
            list.add(o);
        });
        return list;
    }

    private static ObjectNode typed(String type) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", type);
        return o;
    }

    private static ObjectNode encode(LockState l) {
        ObjectNode o = typed("LockState");
        o.put("lockPath", l.lock().path().string());
        ArrayNode holders = o.putArray("holders");
        l.holders().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode h = holders.addObject();
            h.put("orderId", e.getKey().string());
            if (e.getValue() != LockState.EXCLUSIVE) {
                h.put("count", e.getValue());
            }
        });
        ArrayNode queue = o.putArray("queue");
        l.queue().forEach(id -> queue.add(id.string()));
        return o;
    }

    /** Rebuilds the state from its snapshot objects (any order); the first problem stops. */
    public static Checked<EngineState> fromSnapshotObjects(Iterable<? extends JsonNode> objects) {
        List<JsonNode> list = new ArrayList<>();
        objects.forEach(list::add);
        return fromSnapshot(list.size(), i -> Checked.ok(list.get(i)), i -> true, i -> true);
    }

    /**
     * As {@link #fromSnapshotObjects}, from each object's JSON (UTF-8) keyed as in a checkpoint. Each
     * object is parsed when it is decoded and its tree dropped then, so the trees of a large state
     * never live all at once (a recovery's heap and collector work); an item or workflow, which the
     * first pass reads, is told from the rest by the {@code {"TYPE":"…"} the codec writes first, so
     * an order is parsed once. JSON that is not parseable is a problem naming the entry's key.
     */
    public static Checked<EngineState> fromSnapshotEntries(List<? extends Map.Entry<String, byte[]>> entries) {
        SnapshotObjectKind[] kinds = new SnapshotObjectKind[entries.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = SnapshotObjectKind.of(entries.get(i).getValue());
        }
        return fromSnapshot(entries.size(),
                i -> EngineJson.parse(entries.get(i).getValue())
                        .mapProblem(p -> p.withPrefix("Snapshot entry " + entries.get(i).getKey())),
                i -> kinds[i] != SnapshotObjectKind.OTHER, i -> kinds[i] != SnapshotObjectKind.ITEM);
    }

    /**
     * Two passes over {@code size} objects: items and workflows first (the others refer to them), then
     * the rest; {@code inFirstPass}/{@code inSecondPass} tell which objects a pass needs to look at.
     */
    private static Checked<EngineState> fromSnapshot(int size, IntFunction<Checked<JsonNode>> object,
                                                     IntPredicate inFirstPass, IntPredicate inSecondPass) {
        Builder b = new Builder();
        for (int pass = 0; pass < 2; pass++) {
            boolean firstPass = pass == 0;
            IntPredicate needed = firstPass ? inFirstPass : inSecondPass;
            for (int i = 0; i < size; i++) {
                if (!needed.test(i)) {
                    continue;
                }
                Checked<JsonNode> json = object.apply(i);
                if (json.isFail()) {
                    return Checked.fail(json.problemOption().orElseThrow());
                }
                b.index = i;
                Checked<Boolean> r = JsonCursor.decode(json.orThrow(), c -> b.add(c, firstPass));
                if (r.isFail()) {
                    return Checked.fail(atObject(i, r.problemOption().orElseThrow()));
                }
                if (!r.orThrow() && !(firstPass ? inSecondPass : inFirstPass).test(i)) { // its leading TYPE said one pass, a later one the other
                    return Checked.fail(atObject(i, Problem.of(EngineJson.DECODE_PROBLEM, "JSON path $.TYPE: given more than once")));
                }
            }
        }
        for (OrderReference ref : b.orderReferences) {
            if (!b.orders.containsKey(ref.orderId())) {
                return Checked.fail(atObject(ref.index(), ref.problem()));
            }
        }
        return Checked.ok(b.build());
    }

    private static Problem atObject(int index, Problem p) {
        Map<String, String> args = new LinkedHashMap<>(p.arguments());
        args.put("object", Integer.toString(index + 1));
        return Problem.of(p.code(), "Snapshot object " + (index + 1) + ": " + p.message(), args);
    }

    /** An order named by the object at {@code index}; orders may come later, so checked at the end. */
    private record OrderReference(int index, OrderId orderId, Problem problem) {}

    /** Collects snapshot objects; pass one takes items and workflows, pass two the rest. */
    private static final class Builder {
        final Map<String, Item> items = new HashMap<>();
        final Map<WorkflowId, Workflow> workflows = new HashMap<>();
        final Map<WorkflowPath, VersionId> currentVersions = new HashMap<>();
        final Map<LockPath, LockState> locks = new HashMap<>();
        final Map<BoardPath, BoardState> boards = new HashMap<>();
        final Map<OrderId, Order> orders = new HashMap<>();
        final Map<WorkflowPath, WorkflowPathControl> pathControls = new HashMap<>();
        final Map<WorkflowId, PSet<Position>> breakpoints = new HashMap<>();
        final Map<String, Long> observedEventIds = new HashMap<>();
        final Map<String, CouplingState> couplings = new HashMap<>();
        final Map<OrderId, PVector<PVector<NoticeId>>> consumptions = new HashMap<>();
        final List<OrderReference> orderReferences = new ArrayList<>();
        int index;

        boolean add(JsonCursor c, boolean firstPass) {
            String type = c.type();
            boolean isItemOrWorkflow = SnapshotObjectKind.isItemOrWorkflow(type);
            if (firstPass != isItemOrWorkflow) {
                return false;
            }
            switch (type) {
                case "Workflow" -> {
                    Workflow w = WorkflowJson.workflow(c, Optional.empty());
                    if (workflows.put(w.id(), w) != null) {
                        throw c.fail("duplicate workflow '" + w.id() + "'");
                    }
                }
                case "CurrentWorkflowVersion" -> {
                    JsonCursor idCursor = c.required("workflowId");
                    WorkflowId id = OrderJson.workflowId(idCursor);
                    if (!workflows.containsKey(id)) {
                        throw idCursor.fail("unknown workflow '" + id + "'");
                    }
                    if (currentVersions.put(id.path(), id.versionId()) != null) {
                        throw idCursor.fail("duplicate current version of workflow '" + id.path() + "'");
                    }
                }
                case "LockState" -> {
                    JsonCursor pathCursor = c.required("lockPath");
                    LockPath path = pathCursor.as(LockPath::checked);
                    LockState lock = locks.get(path);
                    if (lock == null) {
                        throw pathCursor.fail("unknown Lock '" + path + "'");
                    }
                    if (!lock.holders().isEmpty() || !lock.queue().isEmpty()) {
                        throw pathCursor.fail("duplicate LockState of '" + path + "'");
                    }
                    PMap<OrderId, Integer> holders = HashTreePMap.empty();
                    for (JsonCursor h : c.required("holders").elements()) {
                        OrderId orderId = OrderJson.anyOrderId(h.required("orderId"));
                        int count = h.optional("count").map(JsonCursor::intValue).orElse(LockState.EXCLUSIVE);
                        if (count < 1 && count != LockState.EXCLUSIVE) {
                            throw h.child("count").fail("count must be at least 1, found " + count);
                        }
                        holders = holders.plus(orderId, count);
                        checkOrder(h.child("orderId"), orderId);
                    }
                    List<OrderId> queue = c.optional("queue").map(q -> q.list(o -> {
                        OrderId orderId = OrderJson.anyOrderId(o);
                        checkOrder(o, orderId);
                        return orderId;
                    })).orElse(List.of());
                    locks.put(path, new LockState(lock.lock(), holders, TreePVector.from(queue)));
                }
                case "Notice" -> {
                    Notice notice = NoticeEventJson.notice(c);
                    BoardState board = board(c.child("boardPath"), notice.id().boardPath());
                    if (board.hasNotice(notice.id().noticeKey())) {
                        throw c.fail("duplicate notice '" + notice.id() + "'");
                    }
                    boards.put(notice.id().boardPath(), board.post(notice));
                }
                case "NoticeExpectation" -> {
                    NoticeId id = OrderJson.noticeId(c);
                    BoardState board = board(c.child("boardPath"), id.boardPath());
                    if (board.expectingOrders().containsKey(id.noticeKey())) {
                        throw c.fail("duplicate NoticeExpectation of '" + id + "'");
                    }
                    for (JsonCursor o : c.required("orderIds").elements()) {
                        OrderId orderId = OrderJson.anyOrderId(o);
                        checkOrder(o, orderId);
                        board = board.expect(id.noticeKey(), orderId);
                    }
                    boards.put(id.boardPath(), board);
                }
                case "Order" -> {
                    Order order = OrderJson.order(c);
                    if (orders.put(order.id(), order) != null) {
                        throw c.child("id").fail("duplicate order '" + order.id() + "'");
                    }
                    if (!workflows.containsKey(order.workflowId())) {
                        throw c.child("workflowPosition").fail("unknown workflow '" + order.workflowId() + "'");
                    }
                }
                case "OrderNoticeConsumptions" -> {
                    OrderId orderId = OrderJson.anyOrderId(c.required("orderId"));
                    checkOrder(c.child("orderId"), orderId);
                    List<PVector<NoticeId>> stack = c.required("consumptions")
                            .list(a -> TreePVector.from(a.list(OrderJson::noticeId)));
                    if (stack.isEmpty()) {
                        throw c.child("consumptions").fail("expected at least one block of consumptions");
                    }
                    if (consumptions.put(orderId, TreePVector.from(stack)) != null) {
                        throw c.child("orderId").fail("duplicate OrderNoticeConsumptions of '" + orderId + "'");
                    }
                }
                case "WorkflowPathControl" -> {
                    WorkflowPath path = c.required("path").as(WorkflowPath::checked);
                    if (pathControls.put(path, new WorkflowPathControl(path, c.optionalBool("suspended"),
                            WorkflowControlEventJson.skip(c))) != null) {
                        throw c.child("path").fail("duplicate WorkflowPathControl of '" + path + "'");
                    }
                }
                case "ObservedEventId" -> {
                    String peer = c.required("peer").string();
                    if (observedEventIds.put(peer, c.required("eventId").longValue()) != null) {
                        throw c.child("peer").fail("duplicate ObservedEventId of '" + peer + "'");
                    }
                }
                case "Coupling" -> {
                    String key = c.required("key").string();
                    String status = c.required("couplingState").string();
                    CouplingState.Status st = java.util.Arrays.stream(CouplingState.Status.values())
                            .filter(x -> x.typeName().equals(status)).findFirst()
                            .orElseThrow(() -> c.child("couplingState").fail("unknown couplingState '" + status + "'"));
                    CouplingState coupling = new CouplingState(st, c.optional("since").map(JsonCursor::instant),
                            c.optional("problem").map(ProblemJson::decode));
                    if (couplings.put(key, coupling) != null) {
                        throw c.child("key").fail("duplicate Coupling of '" + key + "'");
                    }
                }
                case "SnapshotEventId" -> {
                    // where the snapshot stands in the event stream: for the reader, not part of the state
                }
                case "WorkflowControl" -> {
                    WorkflowId id = OrderJson.workflowId(c.required("workflowId"));
                    Set<Position> positions = WorkflowControlEventJson.positions(c.required("breakpoints"));
                    if (breakpoints.containsKey(id)) {
                        throw c.child("workflowId").fail("duplicate WorkflowControl of '" + id + "'");
                    }
                    if (!positions.isEmpty()) {
                        breakpoints.put(id, HashTreePSet.from(positions));
                    }
                }
                default -> {
                    if (!SnapshotObjectKind.isItemType(type)) {
                        throw c.child("TYPE").fail("unknown snapshot object TYPE '" + type + "'");
                    }
                    Item item = ItemJson.item(c);
                    if (items.put(item.key(), item) != null) {
                        throw c.fail("duplicate item '" + item.key() + "'");
                    }
                    if (item instanceof Item.LockItem lock) {
                        locks.put(lock.path(), LockState.of(lock));
                    } else if (item instanceof Item.GlobalBoard board) {
                        boards.put(board.path(), BoardState.of(board));
                    }
                }
            }
            return true;
        }

        private BoardState board(JsonCursor at, BoardPath path) {
            BoardState board = boards.get(path);
            if (board == null) {
                throw at.fail("unknown Board '" + path + "'");
            }
            return board;
        }

        private void checkOrder(JsonCursor at, OrderId orderId) {
            orderReferences.add(new OrderReference(index, orderId, at.problem("unknown order '" + orderId + "'")));
        }

        EngineState build() {
            return new EngineState(HashTreePMap.from(workflows), HashTreePMap.from(currentVersions), HashTreePMap.from(items),
                    HashTreePMap.from(locks), HashTreePMap.from(boards), HashTreePMap.from(orders), HashTreePMap.from(pathControls),
                    HashTreePMap.from(breakpoints), HashTreePMap.from(consumptions), HashTreePMap.from(observedEventIds),
                    HashTreePMap.from(couplings));
        }
    }
}
