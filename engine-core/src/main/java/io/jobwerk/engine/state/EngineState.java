package io.jobwerk.engine.state;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.NoticeEvent;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;

/**
 * Everything the order motor and the command executors decide on: deployed workflows and items,
 * orders, lock and board states, workflow controls. Immutable, with structurally shared maps, so
 * {@link #applyEvent} costs O(log n). The Controller and the Agent Director each hold one.
 *
 * @param currentVersions the newest deployed version of each workflow path (absent once removed)
 * @param noticeConsumptions per order, the notices its ConsumeNotices blocks consume (innermost last)
 * @param observedEventIds for each peer whose events this node mirrors (key {@code Agent:PATH} at a
 *        Controller, {@code Subagent:ID} at an Agent Director), the last of its event ids stored here:
 *        the stream resumes after it, so nothing is applied twice
 * @param couplings per peer, keyed by its item key ({@code Agent:PATH} at a Controller, {@code Subagent:ID}
 *        at a Director and, mirrored, at a Controller), whether this node is coupled with it
 */
public record EngineState(
        PMap<WorkflowId, Workflow> workflows,
        PMap<WorkflowPath, VersionId> currentVersions,
        PMap<String, Item> items,
        PMap<LockPath, LockState> locks,
        PMap<BoardPath, BoardState> boards,
        PMap<OrderId, Order> orders,
        PMap<WorkflowPath, WorkflowPathControl> pathControls,
        PMap<WorkflowId, PSet<Position>> breakpoints,
        PMap<OrderId, PVector<PVector<NoticeId>>> noticeConsumptions,
        PMap<String, Long> observedEventIds,
        PMap<String, CouplingState> couplings) {

    public static final EngineState EMPTY = new EngineState(HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(),
            HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(),
            HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty());

    /** A state without couplings. */
    public EngineState(PMap<WorkflowId, Workflow> workflows, PMap<WorkflowPath, VersionId> currentVersions,
                       PMap<String, Item> items, PMap<LockPath, LockState> locks, PMap<BoardPath, BoardState> boards,
                       PMap<OrderId, Order> orders, PMap<WorkflowPath, WorkflowPathControl> pathControls,
                       PMap<WorkflowId, PSet<Position>> breakpoints, PMap<OrderId, PVector<PVector<NoticeId>>> noticeConsumptions,
                       PMap<String, Long> observedEventIds) {
        this(workflows, currentVersions, items, locks, boards, orders, pathControls, breakpoints, noticeConsumptions,
                observedEventIds, HashTreePMap.empty());
    }

    /** A state without mirrored peers. */
    public EngineState(PMap<WorkflowId, Workflow> workflows, PMap<WorkflowPath, VersionId> currentVersions,
                       PMap<String, Item> items, PMap<LockPath, LockState> locks, PMap<BoardPath, BoardState> boards,
                       PMap<OrderId, Order> orders, PMap<WorkflowPath, WorkflowPathControl> pathControls,
                       PMap<WorkflowId, PSet<Position>> breakpoints, PMap<OrderId, PVector<PVector<NoticeId>>> noticeConsumptions) {
        this(workflows, currentVersions, items, locks, boards, orders, pathControls, breakpoints, noticeConsumptions,
                HashTreePMap.empty());
    }

    public EngineState {
        Objects.requireNonNull(workflows, "workflows");
        Objects.requireNonNull(currentVersions, "currentVersions");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(boards, "boards");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(pathControls, "pathControls");
        Objects.requireNonNull(breakpoints, "breakpoints");
        Objects.requireNonNull(noticeConsumptions, "noticeConsumptions");
        Objects.requireNonNull(observedEventIds, "observedEventIds");
        Objects.requireNonNull(couplings, "couplings");
    }

    /** Whether this node is coupled with the peer of that item key ({@code Agent:PATH}, {@code Subagent:ID}); empty if unknown. */
    public Optional<CouplingState> coupling(String itemKey) {
        return Optional.ofNullable(couplings.get(itemKey));
    }

    /** The last event id of the peer stored here ({@code Agent:PATH}), 0 if none. */
    public long observedEventId(String peerKey) {
        return observedEventIds.getOrDefault(peerKey, 0L);
    }

    // ---- queries ----

    public Checked<Order> order(OrderId orderId) {
        Order order = orders.get(orderId);
        return order != null ? Checked.ok(order)
                : Checked.fail(Problem.of("UnknownOrder", "Unknown order '" + orderId + "'", Map.of("orderId", orderId.string())));
    }

    public Checked<Workflow> workflow(WorkflowId workflowId) {
        Workflow workflow = workflows.get(workflowId);
        return workflow != null ? Checked.ok(workflow)
                : Checked.fail(Problem.of("UnknownWorkflow", "Unknown workflow '" + workflowId + "'",
                        Map.of("workflowId", workflowId.toString())));
    }

    /** The newest version of the workflow path. */
    public Checked<Workflow> currentWorkflow(WorkflowPath path) {
        VersionId version = currentVersions.get(path);
        if (version == null) {
            return Checked.fail(Problem.of("UnknownWorkflow", "Unknown workflow '" + path + "'", Map.of("workflowPath", path.string())));
        }
        return workflow(new WorkflowId(path, version));
    }

    public Checked<Workflow> workflowOf(Order order) {
        return workflow(order.workflowId());
    }

    public Optional<Item> item(String key) {
        return Optional.ofNullable(items.get(key));
    }

    private <T extends Item> Checked<T> typedItem(String kind, String key, Class<T> type) {
        Item item = items.get(key);
        return type.isInstance(item) ? Checked.ok(type.cast(item))
                : Checked.fail(Problem.of("UnknownItem", "Unknown " + kind + " '" + key.substring(key.indexOf(':') + 1) + "'",
                        Map.of("key", key)));
    }

    public Checked<Item.AgentRef> agentRef(AgentPath path) {
        return typedItem("Agent", "Agent:" + path, Item.AgentRef.class);
    }

    public Checked<Item.SubagentItem> subagent(SubagentId id) {
        return typedItem("Subagent", "Subagent:" + id, Item.SubagentItem.class);
    }

    public Checked<Item.SubagentBundle> subagentBundle(SubagentBundleId id) {
        return typedItem("SubagentBundle", "SubagentBundle:" + id, Item.SubagentBundle.class);
    }

    public Checked<Item.JobResource> jobResource(JobResourcePath path) {
        return typedItem("JobResource", "JobResource:" + path, Item.JobResource.class);
    }

    public Checked<LockState> lock(LockPath path) {
        LockState lock = locks.get(path);
        return lock != null ? Checked.ok(lock)
                : Checked.fail(Problem.of("UnknownItem", "Unknown Lock '" + path + "'", Map.of("key", "Lock:" + path)));
    }

    public Checked<BoardState> board(BoardPath path) {
        BoardState board = boards.get(path);
        return board != null ? Checked.ok(board)
                : Checked.fail(Problem.of("UnknownItem", "Unknown Board '" + path + "'", Map.of("key", "Board:" + path)));
    }

    public Optional<WorkflowPathControl> pathControl(WorkflowPath path) {
        return Optional.ofNullable(pathControls.get(path));
    }

    public Set<Position> breakpoints(WorkflowId workflowId) {
        return breakpoints.getOrDefault(workflowId, HashTreePSet.empty());
    }

    /** The child orders of a forked order, in fork order. */
    public java.util.List<Order> children(Order parent) {
        if (!(parent.state() instanceof OrderState.Forked forked)) {
            return java.util.List.of();
        }
        return forked.children().stream().map(c -> orders.get(c.orderId())).filter(Objects::nonNull).toList();
    }

    // ---- event application ----

    /** Applies a keyed event; the key is an OrderId for order events, a board path for notice events. */
    public Checked<EngineState> applyEvent(KeyedEvent<? extends Event> keyedEvent) {
        return applyEvent(keyedEvent, Optional.empty());
    }

    /**
     * Applies a keyed event that happened at {@code at} (its timestamp): a coupling event
     * ({@code AgentCoupled}, {@code AgentReady}, {@code AgentCouplingFailed} keyed by the Agent path,
     * {@code SubagentCoupled}, {@code SubagentCouplingFailed} keyed by the Subagent id) records it as
     * the time its coupling state began; every other event ignores it.
     */
    public Checked<EngineState> applyEvent(KeyedEvent<? extends Event> keyedEvent, Optional<Instant> at) {
        Event event = keyedEvent.event();
        if (event instanceof SystemEvent systemEvent && keyedEvent.key().isPresent()) {
            Optional<EngineState> coupled = applyCouplingEvent(keyedEvent.key().get(), systemEvent, at);
            if (coupled.isPresent()) {
                return Checked.ok(coupled.get());
            }
        }
        if (event instanceof OrderEvent orderEvent) {
            if (keyedEvent.key().isEmpty()) {
                return Checked.fail(Problem.of("MissingKey", "Order event " + event.typeName() + " needs the OrderId as key"));
            }
            String key = keyedEvent.key().get();
            if (key.isEmpty() || io.jobwerk.engine.base.Names.hasControlCharacter(key)) {
                return Checked.fail(Problem.of("InvalidName", "Order event " + event.typeName() + " has an invalid OrderId key '"
                        + key + "'"));
            }
            return OrderEventApplier.apply(this, new OrderId(key), orderEvent);
        } else if (event instanceof ItemEvent itemEvent) {
            return applyItemEvent(itemEvent);
        } else if (event instanceof NoticeEvent noticeEvent) {
            return applyNoticeEvent(noticeEvent);
        } else if (event instanceof WorkflowControlEvent controlEvent) {
            return Checked.ok(applyControlEvent(controlEvent));
        } else if (event instanceof io.jobwerk.engine.event.SystemEvent.AgentReset && keyedEvent.key().isEmpty()) {
            // An Agent's own reset: it forgets orders, workflows and items; its Subagents' event positions stay valid.
            return Checked.ok(new EngineState(EMPTY.workflows, EMPTY.currentVersions, EMPTY.items, EMPTY.locks, EMPTY.boards, EMPTY.orders,
                    EMPTY.pathControls, EMPTY.breakpoints, EMPTY.noticeConsumptions, observedEventIds, couplings));
        } else if (event instanceof io.jobwerk.engine.event.SystemEvent.AgentEventsObserved observed && keyedEvent.key().isPresent()) {
            return Checked.ok(withObserved("Agent:" + keyedEvent.key().get(), observed.untilEventId()));
        } else if (event instanceof io.jobwerk.engine.event.SystemEvent.SubagentEventsObserved observed && keyedEvent.key().isPresent()) {
            return Checked.ok(withObserved("Subagent:" + keyedEvent.key().get(), observed.untilEventId()));
        }
        return Checked.ok(this);
    }

    private Optional<EngineState> applyCouplingEvent(String key, SystemEvent event, Optional<Instant> at) {
        return switch (event.kind()) {
            case AGENT_COUPLED -> Optional.of(withCoupling("Agent:" + key, CouplingState.coupled(at)));
            case SUBAGENT_COUPLED -> Optional.of(withCoupling("Subagent:" + key, CouplingState.coupled(at)));
            // The Agent's own start, mirrored: coupled (by then AgentCoupled has said so, normally).
            case AGENT_READY -> Optional.of(coupling("Agent:" + key).filter(CouplingState::isCoupled).isPresent() ? this
                    : withCoupling("Agent:" + key, CouplingState.coupled(at)));
            case AGENT_COUPLING_FAILED -> Optional.of(withCoupling("Agent:" + key, CouplingState.failed(coupling("Agent:" + key),
                    ((SystemEvent.AgentCouplingFailed) event).problem(), at)));
            case SUBAGENT_COUPLING_FAILED -> Optional.of(withCoupling("Subagent:" + key, CouplingState.failed(coupling("Subagent:" + key),
                    ((SystemEvent.SubagentCouplingFailed) event).problem(), at)));
            case CONTROLLER_INITIALIZED, CONTROLLER_READY, SNAPSHOT_TAKEN, AGENT_DEDICATED, AGENT_EVENTS_OBSERVED, AGENT_RESET,
                 SUBAGENT_DEDICATED, SUBAGENT_EVENTS_OBSERVED, ITEM_ATTACHABLE, ITEM_ATTACHED, ITEM_DETACHABLE, ITEM_DETACHED,
                 ITEM_DELETION_MARKED -> Optional.empty();
        };
    }

    private EngineState withCoupling(String key, CouplingState coupling) {
        return new EngineState(workflows, currentVersions, items, locks, boards, orders, pathControls, breakpoints,
                noticeConsumptions, observedEventIds, couplings.plus(key, coupling));
    }

    private EngineState withObserved(String peer, long untilEventId) {
        return new EngineState(workflows, currentVersions, items, locks, boards, orders, pathControls, breakpoints,
                noticeConsumptions, observedEventIds.plus(peer, untilEventId), couplings);
    }

    /** Applies events in order; the first problem stops. */
    public Checked<EngineState> applyEvents(Iterable<? extends KeyedEvent<? extends Event>> events) {
        EngineState state = this;
        for (KeyedEvent<? extends Event> e : events) {
            Checked<EngineState> next = state.applyEvent(e);
            if (next.isFail()) {
                return next;
            }
            state = next.orThrow();
        }
        return Checked.ok(state);
    }

    private Checked<EngineState> applyItemEvent(ItemEvent event) {
        switch (event.kind()) {
            case VERSION_ADDED -> {
                return Checked.ok(this);
            }
            case VERSIONED_ITEM_ADDED, VERSIONED_ITEM_CHANGED -> {
                Workflow w = event instanceof ItemEvent.VersionedItemAdded a ? a.workflow()
                        : ((ItemEvent.VersionedItemChanged) event).workflow();
                return Checked.ok(new EngineState(workflows.plus(w.id(), w), currentVersions.plus(w.path(), w.id().versionId()),
                        items, locks, boards, orders, pathControls, breakpoints, noticeConsumptions, observedEventIds, couplings));
            }
            case VERSIONED_ITEM_REMOVED -> {
                // The versions stay until ItemDeleted (UnusedVersions): orders may still run on them.
                WorkflowPath path = ((ItemEvent.VersionedItemRemoved) event).path();
                return Checked.ok(new EngineState(workflows, currentVersions.minus(path), items, locks, boards, orders,
                        pathControls, breakpoints, noticeConsumptions, observedEventIds, couplings));
            }
            case UNSIGNED_SIMPLE_ITEM_ADDED, UNSIGNED_SIMPLE_ITEM_CHANGED -> {
                Item item = event instanceof ItemEvent.UnsignedSimpleItemAdded a ? a.item()
                        : ((ItemEvent.UnsignedSimpleItemChanged) event).item();
                PMap<LockPath, LockState> newLocks = locks;
                PMap<BoardPath, BoardState> newBoards = boards;
                if (item instanceof Item.LockItem lock) {
                    LockState existing = locks.get(lock.path());
                    newLocks = locks.plus(lock.path(), existing == null ? LockState.of(lock) : existing.withLock(lock));
                } else if (item instanceof Item.GlobalBoard board) {
                    BoardState existing = boards.get(board.path());
                    newBoards = boards.plus(board.path(), existing == null ? BoardState.of(board) : existing.withBoard(board));
                }
                return Checked.ok(new EngineState(workflows, currentVersions, items.plus(item.key(), item), newLocks, newBoards,
                        orders, pathControls, breakpoints, noticeConsumptions, observedEventIds, couplings));
            }
            case ITEM_DELETED -> {
                String key = ((ItemEvent.ItemDeleted) event).key();
                Optional<WorkflowId> workflowId = WorkflowId.fromItemKey(key);
                if (workflowId.isPresent()) {
                    return withoutWorkflowVersion(workflowId.get());
                }
                Item item = items.get(key);
                PMap<LockPath, LockState> newLocks = item instanceof Item.LockItem l ? locks.minus(l.path()) : locks;
                PMap<BoardPath, BoardState> newBoards = item instanceof Item.GlobalBoard b ? boards.minus(b.path()) : boards;
                return Checked.ok(new EngineState(workflows, currentVersions, items.minus(key), newLocks, newBoards, orders,
                        pathControls, breakpoints, noticeConsumptions, observedEventIds, couplings.minus(key)));
            }
        }
        throw new AssertionError(event);
    }

    /**
     * The state without this workflow version ({@code ItemDeleted}, or an Agent's {@code ItemDetached});
     * a problem when an order still runs on it.
     */
    public Checked<EngineState> withoutWorkflowVersion(WorkflowId id) {
        if (!workflows.containsKey(id)) {
            return Checked.fail(Problem.of("UnknownWorkflow", "Unknown workflow '" + id + "'", Map.of("workflowId", id.toString())));
        }
        for (Order o : orders.values()) {
            if (o.workflowId().equals(id)) {
                return Checked.fail(Problem.of("ItemIsStillReferenced", "Workflow '" + id + "' is still used by Order '" + o.id() + "'"));
            }
        }
        PMap<WorkflowPath, VersionId> current = id.versionId().equals(currentVersions.get(id.path()))
                ? currentVersions.minus(id.path()) : currentVersions;
        return Checked.ok(new EngineState(workflows.minus(id), current, items, locks, boards, orders, pathControls,
                breakpoints.minus(id), noticeConsumptions, observedEventIds, couplings));
    }

    private Checked<EngineState> applyNoticeEvent(NoticeEvent event) {
        if (event instanceof NoticeEvent.NoticePosted posted) {
            NoticeId id = posted.notice().id();
            return board(id.boardPath()).map(b -> withBoards(boards.plus(id.boardPath(), b.post(posted.notice()))));
        }
        NoticeId id = ((NoticeEvent.NoticeDeleted) event).noticeId();
        return board(id.boardPath()).map(b -> withBoards(boards.plus(id.boardPath(), b.delete(id.noticeKey()))));
    }

    private EngineState applyControlEvent(WorkflowControlEvent event) {
        if (event instanceof WorkflowControlEvent.WorkflowPathControlUpdated u) {
            return new EngineState(workflows, currentVersions, items, locks, boards, orders,
                    pathControls.plus(u.path(), new WorkflowPathControl(u.path(), u.suspended(), u.skip())), breakpoints,
                    noticeConsumptions, observedEventIds, couplings);
        }
        var u = (WorkflowControlEvent.WorkflowControlUpdated) event;
        PMap<WorkflowId, PSet<Position>> bp = u.breakpoints().isEmpty() ? breakpoints.minus(u.workflowId())
                : breakpoints.plus(u.workflowId(), HashTreePSet.from(u.breakpoints()));
        return new EngineState(workflows, currentVersions, items, locks, boards, orders, pathControls, bp, noticeConsumptions, observedEventIds, couplings);
    }

    /** The state without this order: an Agent forgets an order detached to the Controller. */
    public EngineState withoutOrder(OrderId orderId) {
        return withOrders(orders.minus(orderId));
    }

    EngineState withOrders(PMap<OrderId, Order> orders) {
        return new EngineState(workflows, currentVersions, items, locks, boards, orders, pathControls, breakpoints, noticeConsumptions, observedEventIds, couplings);
    }

    private EngineState withBoards(PMap<BoardPath, BoardState> boards) {
        return new EngineState(workflows, currentVersions, items, locks, boards, orders, pathControls, breakpoints, noticeConsumptions, observedEventIds, couplings);
    }
}
