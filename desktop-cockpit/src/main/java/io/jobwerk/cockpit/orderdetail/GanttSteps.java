package io.jobwerk.cockpit.orderdetail;

import io.jobwerk.cockpit.history.HistoryEntry.TaskEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders an order's task history into the rows of its Gantt chart: the order's own steps by their
 * start, and each fork child's steps together, under the fork, where the child's first step starts
 * (a child's children under it in turn).
 */
final class GanttSteps {
    private GanttSteps() {}

    static List<GanttStep> of(List<TaskEntry> tasks, String mainOrderId) {
        Map<String, List<GanttStep>> byOrder = new LinkedHashMap<>();
        for (TaskEntry task : tasks) {
            GanttStep.of(task, mainOrderId).ifPresent(step -> byOrder.computeIfAbsent(step.orderId(), id -> new ArrayList<>()).add(step));
        }
        byOrder.values().forEach(steps -> steps.sort(Comparator.comparing(GanttStep::start)));
        List<GanttStep> rows = new ArrayList<>();
        appendOrder(mainOrderId, byOrder, rows);
        // Children whose parent ran no job of its own (a fork first thing) still appear, by their start.
        byOrder.keySet().stream().filter(id -> !id.equals(mainOrderId) && !hasParentIn(id, byOrder))
                .sorted(Comparator.comparing(id -> byOrder.get(id).get(0).start()))
                .forEach(id -> insertChild(id, byOrder, rows));
        return rows;
    }

    private static void appendOrder(String orderId, Map<String, List<GanttStep>> byOrder, List<GanttStep> rows) {
        List<String> children = byOrder.keySet().stream().filter(id -> isChildOf(id, orderId))
                .sorted(Comparator.comparing(id -> byOrder.get(id).get(0).start())).toList();
        List<GanttStep> own = byOrder.getOrDefault(orderId, List.of());
        int child = 0;
        for (GanttStep step : own) {
            while (child < children.size() && byOrder.get(children.get(child)).get(0).start().isBefore(step.start())) {
                appendOrder(children.get(child++), byOrder, rows);
            }
            rows.add(step);
        }
        while (child < children.size()) {
            appendOrder(children.get(child++), byOrder, rows);
        }
    }

    private static void insertChild(String id, Map<String, List<GanttStep>> byOrder, List<GanttStep> rows) {
        if (rows.stream().anyMatch(s -> s.orderId().equals(id))) {
            return;
        }
        appendOrder(id, byOrder, rows);
    }

    private static boolean hasParentIn(String id, Map<String, List<GanttStep>> byOrder) {
        int bar = id.lastIndexOf('|');
        return bar >= 0 && (byOrder.containsKey(id.substring(0, bar)) || hasParentIn(id.substring(0, bar), byOrder));
    }

    /** A direct child: {@code parent|branch}, no further bar. */
    private static boolean isChildOf(String id, String parent) {
        return id.startsWith(parent + "|") && id.indexOf('|', parent.length() + 1) < 0;
    }
}
