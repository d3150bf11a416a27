package io.jobwerk.cockpit.live;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many rows there are per {@link StateGroup}, overall and per workflow, and which rows are in a
 * group that every update looks at again; kept as rows come, change and go, so an update costs what
 * it changes and not a walk over all rows. {@link #counts()} equals {@link GroupCounts#of} over the
 * rows added and not removed.
 */
final class RowTally {

    private static final StateGroup[] GROUPS = StateGroup.values();

    private final Set<StateGroup> rechecked;
    private final int[] all = new int[GROUPS.length];
    private final Map<String, int[]> byWorkflow = new HashMap<>();
    private final Set<String> recheckedIds = new HashSet<>();

    RowTally(Set<StateGroup> rechecked) {
        this.rechecked = rechecked;
    }

    void add(OrderRow row) {
        int g = row.group().ordinal();
        all[g]++;
        byWorkflow.computeIfAbsent(row.workflowPath(), p -> new int[GROUPS.length])[g]++;
        if (rechecked.contains(row.group())) {
            recheckedIds.add(row.orderId());
        }
    }

    void remove(OrderRow row) {
        int g = row.group().ordinal();
        all[g]--;
        int[] counts = byWorkflow.get(row.workflowPath());
        counts[g]--;
        if (isZero(counts)) {
            byWorkflow.remove(row.workflowPath());
        }
        recheckedIds.remove(row.orderId());
    }

    void clear() {
        java.util.Arrays.fill(all, 0);
        byWorkflow.clear();
        recheckedIds.clear();
    }

    GroupCounts counts() {
        return counts(all);
    }

    GroupCounts counts(String workflowPath) {
        int[] counts = byWorkflow.get(workflowPath);
        return counts == null ? GroupCounts.NONE : counts(counts);
    }

    /** The ids of the rows in a rechecked group (read-only view). */
    Set<String> rechecked() {
        return Collections.unmodifiableSet(recheckedIds);
    }

    private static GroupCounts counts(int[] counts) {
        EnumMap<StateGroup, Integer> map = new EnumMap<>(StateGroup.class);
        for (int g = 0; g < counts.length; g++) {
            if (counts[g] != 0) {
                map.put(GROUPS[g], counts[g]);
            }
        }
        return new GroupCounts(map);
    }

    private static boolean isZero(int[] counts) {
        for (int c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }
}
