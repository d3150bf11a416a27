package io.jobwerk.engine.subagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.expression.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubagentSelectionTest {

    static final SubagentId A = new SubagentId("A"), B = new SubagentId("B"), C = new SubagentId("C");

    static Item.SubagentBundle bundle(String a, String b, String c) {
        Map<SubagentId, Expr> m = new LinkedHashMap<>();
        m.put(A, Expr.of(a));
        m.put(B, Expr.of(b));
        m.put(C, Expr.of(c));
        return new Item.SubagentBundle(new SubagentBundleId("BUNDLE"), m);
    }

    static Map<SubagentId, SubagentMetrics> idle(SubagentId... ids) {
        Map<SubagentId, SubagentMetrics> m = new LinkedHashMap<>();
        for (SubagentId id : ids) {
            m.put(id, SubagentMetrics.ofProcessCount(0));
        }
        return m;
    }

    final SubagentSelection selection = new SubagentSelection();

    List<String> select(Item.SubagentBundle bundle, Map<SubagentId, SubagentMetrics> available, int times) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            result.add(selection.select(bundle, available).subagentId().map(SubagentId::string).orElse("-"));
        }
        return result;
    }

    @Test
    void distinctPrioritiesSelectTheHighestAvailable() {
        var bundle = bundle("3", "2", "1");
        assertThat(select(bundle, idle(A, B, C), 3)).containsExactly("A", "A", "A");
        assertThat(select(bundle, idle(B, C), 2)).containsExactly("B", "B");
        assertThat(select(bundle, idle(C), 1)).containsExactly("C");
        assertThat(select(bundle, idle(), 1)).containsExactly("-");
    }

    @Test
    void equalPrioritiesRotate() {
        var bundle = bundle("1", "1", "1");
        assertThat(select(bundle, idle(A, B, C), 7)).containsExactly("A", "B", "C", "A", "B", "C", "A");
    }

    @Test
    void lostMemberIsSkippedInTheRotation() {
        var bundle = bundle("1", "1.0", "1");
        assertThat(select(bundle, idle(A, C), 4)).containsExactly("A", "C", "A", "C");
    }

    @Test
    void rotationIsKeptPerPriorityGroup() {
        var bundle = bundle("2", "2", "1");
        assertThat(select(bundle, idle(A, B, C), 1)).containsExactly("A");
        assertThat(select(bundle, idle(C), 2)).containsExactly("C", "C");
        assertThat(select(bundle, idle(A, B, C), 1)).containsExactly("B");
    }

    @Test
    void missingPriorityExcludesTheMember() {
        var expr = "if $js7SubagentProcessCount == 0 then 1 else missing";
        var bundle = bundle(expr, expr, expr);
        Map<SubagentId, SubagentMetrics> metrics = new LinkedHashMap<>();
        metrics.put(A, SubagentMetrics.ofProcessCount(1));
        metrics.put(B, SubagentMetrics.ofProcessCount(0));
        metrics.put(C, SubagentMetrics.ofProcessCount(2));
        assertThat(select(bundle, metrics, 2)).containsExactly("B", "B");
        metrics.put(B, SubagentMetrics.ofProcessCount(1));
        assertThat(select(bundle, metrics, 1)).containsExactly("-");
    }

    @Test
    void leastLoadedWinsWithANegatedProcessCount() {
        var bundle = bundle("-$js7SubagentProcessCount", "-$js7SubagentProcessCount", "-$js7SubagentProcessCount");
        Map<SubagentId, SubagentMetrics> metrics = new LinkedHashMap<>();
        metrics.put(A, SubagentMetrics.ofProcessCount(3));
        metrics.put(B, SubagentMetrics.ofProcessCount(2));
        metrics.put(C, SubagentMetrics.ofProcessCount(5));
        assertThat(select(bundle, metrics, 1)).containsExactly("B");
    }

    @Test
    void metricsAreVariablesOfThePriorityExpression() {
        var bundle = bundle("min(100, (1 / $cpuLoad) ? 100)", "$freeMemorySize / $totalMemorySize", "0");
        Map<SubagentId, SubagentMetrics> metrics = new LinkedHashMap<>();
        metrics.put(A, new SubagentMetrics(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0));
        metrics.put(B, new SubagentMetrics(Optional.of(0.5), Optional.of(1000L), Optional.of(4000L), Optional.empty(), 0));
        metrics.put(C, SubagentMetrics.ofProcessCount(0));
        assertThat(SubagentSelection.priority(bundle.subagentToPriority().get(A), metrics.get(A)).orThrow()).hasValueSatisfying(
                p -> assertThat(p).isEqualByComparingTo("100"));
        assertThat(SubagentSelection.priority(bundle.subagentToPriority().get(B), metrics.get(B)).orThrow()).hasValueSatisfying(
                p -> assertThat(p).isEqualByComparingTo("0.25"));
        assertThat(select(bundle, metrics, 1)).containsExactly("A");
    }

    @Test
    void failingPriorityExcludesTheMemberAndIsReported() {
        var bundle = bundle("'high'", "$unknown", "1");
        var selected = selection.select(bundle, idle(A, B, C));
        assertThat(selected.subagentId()).contains(C);
        assertThat(selected.problems()).hasSize(2);
        assertThat(selected.problems().get(0).message()).contains("Subagent A").contains("not a number");
    }
}
