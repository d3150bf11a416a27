package io.jobwerk.cli;

import io.jobwerk.engine.motor.JobQueue;
import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The orders of an engine state as a text table; the obstacles are the core's ({@link JobQueue}). */
final class OrderTable {
    private OrderTable() {}

    static final List<String> HEADER = List.of("ID", "WORKFLOW", "POSITION", "STATE", "AGENT", "OBSTACLES");

    static List<List<String>> rows(EngineState state, Instant now, Optional<String> stateFilter, Optional<String> workflowFilter) {
        JobQueue queue = new JobQueue(state, now);
        List<List<String>> rows = new ArrayList<>();
        state.orders().values().stream().sorted(Comparator.comparing(Order::id)).forEach(order -> {
            String stateName = order.state().kind().typeName();
            if (stateFilter.isPresent() && !stateFilter.get().equalsIgnoreCase(stateName)
                    && !(stateFilter.get().equalsIgnoreCase("suspended") && order.isSuspended())) {
                return;
            }
            if (workflowFilter.isPresent() && !workflowFilter.get().equals(order.workflowId().path().string())) {
                return;
            }
            StringBuilder st = new StringBuilder(stateName);
            if (order.isSuspended()) {
                st.append(",suspended");
            }
            order.mark().ifPresent(m -> st.append(",").append(m.getClass().getSimpleName().toLowerCase()));
            String agent = order.attachedState().map(OrderTable::agent).orElse("-");
            String obstacles = order.state().isTerminated() ? "" : queue.obstacles(order.id()).stream().map(OrderTable::obstacle).collect(Collectors.joining(","));
            rows.add(List.of(order.id().string(), order.workflowId().toString(), order.position().toString(), st.toString(),
                    agent, obstacles.isEmpty() ? "-" : obstacles));
        });
        return rows;
    }

    private static String agent(AttachedState a) {
        String path = a.agentPath().string();
        return a instanceof AttachedState.Attached ? path
                : a instanceof AttachedState.Attaching ? path + " (attaching)" : path + " (detaching)";
    }

    private static String obstacle(OrderObstacle o) {
        return o instanceof OrderObstacle.WaitingForAdmission w ? "WaitingForAdmission(until " + w.until() + ")" : o.getClass().getSimpleName();
    }

    /** Columns padded to their widest cell, two spaces apart. */
    static String format(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
