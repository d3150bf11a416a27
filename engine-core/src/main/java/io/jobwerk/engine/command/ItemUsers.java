package io.jobwerk.engine.command;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.StickySubagentEntry;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who still uses an item, so deleting it would strand them (JS7's {@code ItemIsStillReferencedProblem}):
 * other items naming it, every workflow version in the state (the current ones and the older ones
 * orders still run on) and orders holding it. Each user as an item key ({@code Workflow:W~1},
 * {@code Subagent:S}) or {@code Order:ID (why)}: items, then workflows, then orders, each sorted.
 *
 * <p>A job's {@code subagentBundleIdExpr} counts only when it is a quoted constant: what an
 * expression yields is known only for an order. An order that waits for a Subagent deleted anyway
 * shows the obstacle {@code NoSubagentAvailable} naming it.
 */
final class ItemUsers {
    private ItemUsers() {}

    static List<String> of(EngineState state, String key) {
        Optional<Item> item = state.item(key);
        Set<String> items = new TreeSet<>();
        for (Item other : state.items().values()) {
            if (refersTo(other, key)) {
                items.add(other.key());
            }
        }
        Set<String> workflows = new TreeSet<>();
        for (Workflow w : state.workflows().values()) {
            if (refersTo(w, key)) {
                workflows.add(w.id().itemKey());
            }
        }
        Set<String> orders = new TreeSet<>();
        for (Order o : state.orders().values()) {
            orderUse(state, o, key, item).ifPresent(why -> orders.add("Order:" + o.id() + " (" + why + ")"));
        }
        List<String> users = new ArrayList<>(items);
        users.addAll(workflows);
        users.addAll(orders);
        return users;
    }

    /** Who still uses a workflow path: FileWatches adding orders to it (its orders keep their versions). */
    static List<String> ofWorkflowPath(EngineState state, WorkflowPath path) {
        Set<String> users = new TreeSet<>();
        for (Item item : state.items().values()) {
            if (item instanceof Item.FileWatch watch && watch.workflowPath().equals(path)) {
                users.add(watch.key());
            }
            if (item instanceof Item.PlanSchedule schedule && schedule.workflowPaths().contains(path)) {
                users.add(schedule.key());
            }
        }
        return new ArrayList<>(users);
    }

    private static boolean refersTo(Item item, String key) {
        if (item instanceof Item.SubagentItem s) {
            return key.equals("Agent:" + s.agentPath());
        } else if (item instanceof Item.AgentRef a) {
            return a.directors().stream().anyMatch(d -> key.equals("Subagent:" + d));
        } else if (item instanceof Item.SubagentBundle b) {
            return b.subagentToPriority().keySet().stream().anyMatch(m -> key.equals("Subagent:" + m));
        } else if (item instanceof Item.FileWatch f) {
            return key.equals("Agent:" + f.agentPath());
        } else if (item instanceof Item.PlanSchedule schedule) {
            return referencesOf(schedule).contains(key);
        }
        return false;
    }

    /** The keys a schedule refers to: its workflows ({@code Workflow:PATH}) and calendars. */
    static List<String> referencesOf(Item.PlanSchedule schedule) {
        List<String> keys = new ArrayList<>();
        schedule.workflowPaths().forEach(w -> keys.add("Workflow:" + w));
        for (var calendar : schedule.calendars()) {
            keys.add(Item.PlanCalendar.keyOf(false, calendar.calendarName()));
            calendar.nonWorkingDayCalendars().forEach(c -> keys.add(Item.PlanCalendar.keyOf(true, c)));
        }
        schedule.nonWorkingDayCalendars().forEach(c -> keys.add(Item.PlanCalendar.keyOf(true, c)));
        return keys;
    }

    private static boolean refersTo(Workflow w, String key) {
        if (w.jobResourcePaths().stream().anyMatch(r -> key.equals("JobResource:" + r))) {
            return true;
        }
        for (Position p : w.positions()) {
            var job = w.job(p);
            if (job.isOk() && refersTo(job.orThrow(), key)) {
                return true;
            }
            Instruction instruction = w.instruction(p).orThrow();
            if (instruction instanceof Instruction.Lock lock) {
                if (lock.demands().stream().anyMatch(d -> key.equals("Lock:" + d.lockPath()))) {
                    return true;
                }
            } else if (instruction instanceof Instruction.PostNotices post) {
                if (post.boardPaths().stream().anyMatch(b -> key.equals("Board:" + b))) {
                    return true;
                }
            } else if (instruction instanceof Instruction.ExpectNotices expect) {
                if (expect.boardPaths().boardPaths().stream().anyMatch(b -> key.equals("Board:" + b))) {
                    return true;
                }
            } else if (instruction instanceof Instruction.ConsumeNotices consume) {
                if (consume.boardPaths().boardPaths().stream().anyMatch(b -> key.equals("Board:" + b))) {
                    return true;
                }
            } else if (instruction instanceof Instruction.StickySubagent sticky) {
                if (key.equals("Agent:" + sticky.agentPath()) || names(sticky.subagentBundleIdExpr(), key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean refersTo(WorkflowJob job, String key) {
        return key.equals("Agent:" + job.agentPath())
                || job.jobResourcePaths().stream().anyMatch(r -> key.equals("JobResource:" + r))
                || names(job.subagentBundleIdExpr(), key);
    }

    /** A constant {@code 'NAME'} naming the Subagent or SubagentBundle of the key. */
    private static boolean names(Optional<Expr> expr, String key) {
        if (expr.isEmpty() || !(key.startsWith("Subagent:") || key.startsWith("SubagentBundle:"))) {
            return false;
        }
        String source = expr.get().source().trim();
        String name = key.substring(key.indexOf(':') + 1);
        return source.equals("'" + name + "'") || source.equals("\"" + name + "\"");
    }

    private static Optional<String> orderUse(EngineState state, Order o, String key, Optional<Item> item) {
        if (o.attachedState().isPresent() && key.equals("Agent:" + o.attachedState().get().agentPath())) {
            return Optional.of("at the Agent");
        }
        if (o.state() instanceof OrderState.Processing p && key.equals("Subagent:" + p.subagentId())) {
            return Optional.of("processing there");
        }
        for (StickySubagentEntry sticky : o.stickySubagents()) {
            if (sticky.stuckSubagentId().map(s -> key.equals("Subagent:" + s)).orElse(false)
                    || sticky.subagentBundleId().map(b -> key.equals("SubagentBundle:" + b)).orElse(false)) {
                return Optional.of("in a StickySubagent block");
            }
        }
        if (item.orElse(null) instanceof Item.LockItem lock) {
            LockState ls = state.locks().get(lock.path());
            if (ls != null && (ls.holders().containsKey(o.id()) || ls.queue().contains(o.id()))) {
                return Optional.of("holding or waiting for it");
            }
        }
        return Optional.empty();
    }
}
