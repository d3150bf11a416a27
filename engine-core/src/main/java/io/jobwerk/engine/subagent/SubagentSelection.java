package io.jobwerk.engine.subagent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses a member of a Subagent bundle for a job process, as JS7's {@code Prioritized}: every
 * available member's priority expression is evaluated over that member's {@link SubagentMetrics};
 * the members with the highest priority form the group, and inside it the choice rotates
 * (round-robin) from one selection to the next. A member whose priority is {@code missing}, not a
 * number, or fails to evaluate is left out; a member without metrics is unavailable.
 *
 * <p>So distinct priorities give fixed-priority fail-over (all on the highest available), equal
 * priorities round-robin, and expressions such as {@code if $js7SubagentProcessCount == 0 then 1
 * else missing} a load-based choice.
 *
 * <p>The rotation position is kept per bundle and priority, so a group keeps its own rotation while
 * another group is chosen. Not thread-safe: one caller (the Director's keeper thread) owns it.
 */
public final class SubagentSelection {

    private record RotationKey(SubagentBundleId bundleId, BigDecimal priority) {}

    private final Map<RotationKey, Long> rotation = new HashMap<>();

    /** The outcome of a selection: the chosen member, or why none is. */
    public record Selected(Optional<SubagentId> subagentId, List<Problem> problems) {
        public Selected {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Selects a member of {@code bundle}.
     *
     * @param available the metrics of each member that can take a process now; members not in it are unavailable
     * @return the chosen member (empty when no member is available with a priority), and the
     *     problems of priority expressions that failed (their members were left out)
     */
    public Selected select(Item.SubagentBundle bundle, Map<SubagentId, SubagentMetrics> available) {
        BigDecimal best = null;
        List<SubagentId> group = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<SubagentId, Expr> member : bundle.subagentToPriority().entrySet()) {
            SubagentMetrics metrics = available.get(member.getKey());
            if (metrics == null) {
                continue;
            }
            Checked<Optional<BigDecimal>> priority = priority(member.getValue(), metrics);
            if (priority.isFail()) {
                problems.add(priority.problemOption().orElseThrow().withPrefix(
                        "SubagentBundle " + bundle.id() + ", priority of Subagent " + member.getKey()));
                continue;
            }
            if (priority.orThrow().isEmpty()) {
                continue;
            }
            BigDecimal p = priority.orThrow().get();
            int cmp = best == null ? 1 : p.compareTo(best);
            if (cmp > 0) {
                best = p;
                group.clear();
            }
            if (cmp >= 0) {
                group.add(member.getKey());
            }
        }
        if (group.isEmpty()) {
            return new Selected(Optional.empty(), problems);
        }
        RotationKey key = new RotationKey(bundle.id(), best.stripTrailingZeros());
        long n = rotation.merge(key, 1L, Long::sum) - 1;
        return new Selected(Optional.of(group.get((int) (n % group.size()))), problems);
    }

    /** A number, or empty for {@code missing}. */
    static Checked<Optional<BigDecimal>> priority(Expr expr, SubagentMetrics metrics) {
        return expr.evaluate(metrics.scope()).flatMap(value -> {
            if (value instanceof Value.MissingValue) {
                return Checked.ok(Optional.empty());
            }
            if (value instanceof Value.NumberValue n) {
                return Checked.ok(Optional.of(n.number()));
            }
            return Checked.fail(Problem.of("PriorityNotANumber", "Priority '" + expr + "' yields " + value + ", not a number"));
        });
    }
}
