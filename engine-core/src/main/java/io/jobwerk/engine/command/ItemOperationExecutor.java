package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.item.SignedString;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a deployment (the item operations of one {@code POST /controller/api/item}) into item
 * events, all or nothing. Workflows get the version of the stream's {@code AddVersion}; a workflow
 * whose JSON names another version is rejected. References are checked on the state the whole
 * deployment leads to: every job's Agent, every lock, board and job resource a workflow names must
 * exist. An item still in use cannot be deleted ({@code ItemIsStillReferenced}, naming the users as
 * {@link ItemUsers} finds them in the state the deployment leads to, so what is deleted together
 * does not count), nor can a workflow path a FileWatch adds orders to be removed.
 */
public final class ItemOperationExecutor {
    private ItemOperationExecutor() {}

    /**
     * @param signedWorkflow verifies a signed item's signature and decodes the workflow it carries
     */
    public static Checked<List<KeyedEvent<ItemEvent>>> execute(EngineState state, List<ItemOperation> operations,
                                                               Function<SignedString, Checked<Workflow>> signedWorkflow) {
        List<KeyedEvent<ItemEvent>> events = new ArrayList<>();
        Map<String, String> deletions = new java.util.LinkedHashMap<>(); // key → where, checked at the end
        Optional<VersionId> version = Optional.empty();
        EngineState s = state;
        int n = 0;
        for (ItemOperation op : operations) {
            n++;
            String where = "Item operation " + n + " (" + op.typeName() + ")";
            List<ItemEvent> opEvents = new ArrayList<>();
            switch (op.kind()) {
                case ADD_VERSION -> {
                    VersionId v = ((ItemOperation.AddVersion) op).versionId();
                    if (version.isPresent()) {
                        return fail(where, "Duplicate", "only one AddVersion per deployment");
                    }
                    boolean used = s.workflows().keySet().stream().anyMatch(id -> id.versionId().equals(v));
                    if (used) {
                        return fail(where, "DuplicateVersion", "version '" + v + "' has already been deployed");
                    }
                    version = Optional.of(v);
                    opEvents.add(new ItemEvent.VersionAdded(v));
                }
                case ADD_OR_CHANGE_SIGNED, ADD_OR_CHANGE_SIMPLE -> {
                    Checked<Object> deployable = deployable(op, signedWorkflow);
                    if (deployable.isFail()) {
                        return Checked.fail(deployable.problemOption().orElseThrow().withPrefix(where));
                    }
                    if (deployable.orThrow() instanceof Item item) {
                        Optional<Item> existing = s.item(item.key());
                        if (existing.isEmpty()) {
                            opEvents.add(new ItemEvent.UnsignedSimpleItemAdded(item));
                        } else if (!existing.get().equals(item)) {
                            opEvents.add(new ItemEvent.UnsignedSimpleItemChanged(item));
                        }
                    } else {
                        Workflow w = (Workflow) deployable.orThrow();
                        if (version.isEmpty()) {
                            return fail(where, "MissingVersion", "workflow '" + w.path() + "' needs a preceding AddVersion");
                        }
                        if (!w.id().versionId().equals(version.get())) {
                            return fail(where, "VersionMismatch", "workflow '" + w.path() + "' has version '"
                                    + w.id().versionId() + "' but the deployment's AddVersion is '" + version.get() + "'");
                        }
                        opEvents.add(s.currentVersions().containsKey(w.path())
                                ? new ItemEvent.VersionedItemChanged(w, signed(op)) : new ItemEvent.VersionedItemAdded(w, signed(op)));
                    }
                }
                case DELETE_SIMPLE -> {
                    String key = ((ItemOperation.DeleteSimple) op).key();
                    if (s.item(key).isEmpty()) {
                        return fail(where, "UnknownItem", "unknown item '" + key + "'");
                    }
                    opEvents.add(new ItemEvent.ItemDeleted(key));
                    deletions.put(key, where);
                }
                case REMOVE_VERSIONED -> {
                    var path = ((ItemOperation.RemoveVersioned) op).path();
                    if (!s.currentVersions().containsKey(path)) {
                        return fail(where, "UnknownItem", "unknown workflow '" + path + "'");
                    }
                    opEvents.add(new ItemEvent.VersionedItemRemoved(path));
                    deletions.put("Workflow:" + path, where);
                }
            }
            for (ItemEvent e : opEvents) {
                KeyedEvent<ItemEvent> keyed = KeyedEvent.keyless(e);
                Checked<EngineState> next = s.applyEvent(keyed);
                if (next.isFail()) {
                    return Checked.fail(next.problemOption().orElseThrow().withPrefix(where));
                }
                s = next.orThrow();
                events.add(keyed);
            }
        }
        // Versions the deployment supersedes or removes and no order uses go with it, and refer to nothing any more.
        for (var unused : io.jobwerk.engine.motor.UnusedWorkflowVersions.events(s, io.jobwerk.engine.motor.Placement.CONTROLLER)) {
            KeyedEvent<ItemEvent> keyed = KeyedEvent.keyless((ItemEvent) unused.event());
            s = s.applyEvent(keyed).orThrow();
            events.add(keyed);
        }
        for (Map.Entry<String, String> deleted : deletions.entrySet()) {
            String key = deleted.getKey();
            List<String> users = key.startsWith("Workflow:")
                    ? ItemUsers.ofWorkflowPath(s, new io.jobwerk.engine.workflow.WorkflowPath(key.substring("Workflow:".length())))
                    : ItemUsers.of(s, key);
            if (!users.isEmpty()) {
                return Checked.fail(stillReferenced(deleted.getValue(), key, users));
            }
        }
        Checked<EngineState> checked = checkReferences(s);
        return checked.map(ignored -> events);
    }

    private static final int MAX_NAMED_USERS = 10;

    private static Problem stillReferenced(String where, String key, List<String> users) {
        String named = String.join(", ", users.subList(0, Math.min(users.size(), MAX_NAMED_USERS)))
                + (users.size() > MAX_NAMED_USERS ? " and " + (users.size() - MAX_NAMED_USERS) + " more" : "");
        return Problem.of("ItemIsStillReferenced", where + ": " + key + " is still in use by " + named,
                Map.of("key", key, "users", String.join(",", users)));
    }

    private static Optional<SignedString> signed(ItemOperation op) {
        return op instanceof ItemOperation.AddOrChangeSigned signed ? Optional.of(signed.signedString()) : Optional.empty();
    }

    private static Checked<Object> deployable(ItemOperation op, Function<SignedString, Checked<Workflow>> signedWorkflow) {
        if (op instanceof ItemOperation.AddOrChangeSigned signed) {
            return signedWorkflow.apply(signed.signedString()).map(w -> w);
        }
        ItemOperation.Deployable d = ((ItemOperation.AddOrChangeSimple) op).deployable();
        if (d instanceof ItemOperation.Deployable.SimpleItem simple) {
            return Checked.ok(simple.item());
        }
        return Checked.ok(((ItemOperation.Deployable.UnsignedWorkflow) d).workflow());
    }

    /** Every reference of the current workflows and items resolves in the state. */
    static Checked<EngineState> checkReferences(EngineState s) {
        for (Item item : s.items().values()) {
            if (item instanceof Item.SubagentItem sub && s.agentRef(sub.agentPath()).isFail()) {
                return refProblem("Subagent '" + sub.id() + "'", "Agent '" + sub.agentPath() + "'");
            }
            if (item instanceof Item.AgentRef agent) {
                for (var director : agent.directors()) {
                    if (s.subagent(director).isFail()) {
                        return refProblem("Agent '" + agent.path() + "'", "Subagent '" + director + "'");
                    }
                }
            }
            if (item instanceof Item.SubagentBundle bundle) {
                for (var member : bundle.subagentToPriority().keySet()) {
                    if (s.subagent(member).isFail()) {
                        return refProblem("SubagentBundle '" + bundle.id() + "'", "Subagent '" + member + "'");
                    }
                }
            }
            if (item instanceof Item.FileWatch watch && s.agentRef(watch.agentPath()).isFail()) {
                return refProblem("FileWatch '" + watch.path() + "'", "Agent '" + watch.agentPath() + "'");
            }
            if (item instanceof Item.PlanSchedule schedule) {
                Optional<String> missing = ItemUsers.referencesOf(schedule).stream()
                        .filter(key -> key.startsWith("Workflow:") ? !s.currentVersions().containsKey(
                                new io.jobwerk.engine.workflow.WorkflowPath(key.substring("Workflow:".length())))
                                : s.item(key).isEmpty())
                        .findFirst();
                if (missing.isPresent()) {
                    return refProblem("Schedule '" + schedule.path() + "'", missing.get().replace(":", " '") + "'");
                }
            }
        }
        for (Map.Entry<?, VersionId> current : s.currentVersions().entrySet()) {
            Workflow w = s.workflows().get(new WorkflowId((io.jobwerk.engine.workflow.WorkflowPath) current.getKey(), current.getValue()));
            if (w == null) {
                continue;
            }
            for (JobResourcePath r : w.jobResourcePaths()) {
                if (s.jobResource(r).isFail()) {
                    return refProblem("Workflow '" + w.id() + "'", "JobResource '" + r + "'");
                }
            }
            for (Position p : w.positions()) {
                Instruction instruction = w.instruction(p).orThrow();
                Checked<WorkflowJob> job = w.job(p);
                if (job.isOk()) {
                    AgentPath agent = job.orThrow().agentPath();
                    if (s.agentRef(agent).isFail()) {
                        return refProblem("Workflow '" + w.id() + "' at " + p, "Agent '" + agent + "'");
                    }
                    for (JobResourcePath r : job.orThrow().jobResourcePaths()) {
                        if (s.jobResource(r).isFail()) {
                            return refProblem("Workflow '" + w.id() + "' at " + p, "JobResource '" + r + "'");
                        }
                    }
                }
                if (instruction instanceof Instruction.Lock lock) {
                    for (var demand : lock.demands()) {
                        if (s.lock(demand.lockPath()).isFail()) {
                            return refProblem("Workflow '" + w.id() + "' at " + p, "Lock '" + demand.lockPath() + "'");
                        }
                        if (demand.count().isPresent() && demand.count().get() > s.lock(demand.lockPath()).orThrow().lock().limit()) {
                            return Checked.fail(Problem.of("InvalidLockDemand", "Workflow '" + w.id() + "' at " + p
                                    + " demands " + demand.count().get() + " of Lock '" + demand.lockPath() + "', whose limit is "
                                    + s.lock(demand.lockPath()).orThrow().lock().limit()));
                        }
                    }
                }
                List<io.jobwerk.engine.path.BoardPath> boards = new ArrayList<>();
                if (instruction instanceof Instruction.PostNotices post) {
                    boards.addAll(post.boardPaths());
                } else if (instruction instanceof Instruction.ExpectNotices expect) {
                    boards.addAll(expect.boardPaths().boardPaths());
                } else if (instruction instanceof Instruction.ConsumeNotices consume) {
                    boards.addAll(consume.boardPaths().boardPaths());
                }
                for (var board : boards) {
                    if (s.board(board).isFail()) {
                        return refProblem("Workflow '" + w.id() + "' at " + p, "Board '" + board + "'");
                    }
                }
            }
        }
        return Checked.ok(s);
    }

    private static <T> Checked<T> refProblem(String who, String missing) {
        return Checked.fail(Problem.of("MissingReference", who + " refers to the unknown " + missing));
    }

    private static <T> Checked<T> fail(String where, String code, String message) {
        return Checked.fail(Problem.of(code, where + ": " + message));
    }
}
