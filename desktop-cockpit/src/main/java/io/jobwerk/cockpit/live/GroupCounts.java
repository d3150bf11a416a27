package io.jobwerk.cockpit.live;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** How many orders are in each {@link StateGroup}. */
public record GroupCounts(Map<StateGroup, Integer> counts) {

    public static final GroupCounts NONE = new GroupCounts(Map.of());

    public GroupCounts {
        EnumMap<StateGroup, Integer> copy = new EnumMap<>(StateGroup.class);
        copy.putAll(counts);
        counts = java.util.Collections.unmodifiableMap(copy);
    }

    public static GroupCounts of(Collection<OrderRow> rows) {
        EnumMap<StateGroup, Integer> counts = new EnumMap<>(StateGroup.class);
        for (OrderRow row : rows) {
            counts.merge(row.group(), 1, Integer::sum);
        }
        return new GroupCounts(counts);
    }

    public int count(StateGroup group) {
        return counts.getOrDefault(group, 0);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
