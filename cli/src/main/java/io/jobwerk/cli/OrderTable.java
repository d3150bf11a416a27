package io.jobwerk.cli;

import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.motor.OrderObstacleCalculator;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The orders of an engine state as a text table; the obstacles are the core's
 * ({@link OrderObstacleCalculator}), each in short, e.g. {@code WaitingForCommand(failed: returnCode 1)},
 * {@code WaitingForLock(LOCK held by A)}.
 */
final class OrderTable {
    private OrderTable() {}

    static final List<String> HEADER = List.of("ID", "WORKFLOW", "POSITION", "STATE", "AGENT", "OBSTACLES");

    static List<List<String>> rows(EngineState state, Instant now, Optional<String> stateFilter, Optional<String> workflowFilter) {
        OrderObstacleCalculator calculator = new OrderObstacleCalculator(state, now);
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
            String obstacles = calculator.obstacles(order).stream().map(OrderTable::obstacle).collect(Collectors.joining(", "));
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

    static String obstacle(OrderObstacle o) {
        String name = o.getClass().getSimpleName();
        if (o instanceof OrderObstacle.WaitingForAdmission w) {
            return name + "(until " + w.until() + ")";
        } else if (o instanceof OrderObstacle.WaitingForOtherTime w) {
            return name + "(until " + w.until() + ")";
        } else if (o instanceof OrderObstacle.WaitingForCommand w) {
            return w.reason().map(r -> name + "(" + r + ")").orElse(name);
        } else if (o instanceof OrderObstacle.WaitingForLock w) {
            return name + "(" + w.lockPath() + (w.holders().isEmpty() ? "" : " held by " + ids(w.holders()))
                    + (w.queuedBefore().isEmpty() ? "" : " after " + ids(w.queuedBefore())) + ")";
        } else if (o instanceof OrderObstacle.WaitingForNotices w) {
            return name + "(" + (w.noticeIds().isEmpty() ? w.boardPaths().stream().map(Object::toString).collect(Collectors.joining(" "))
                    : w.noticeIds().stream().map(n -> n.boardPath() + ":" + n.noticeKey()).collect(Collectors.joining(" "))) + ")";
        } else if (o instanceof OrderObstacle.WaitingForChildren w) {
            return name + "(" + ids(w.children()) + ")";
        } else if (o instanceof OrderObstacle.AgentNotCoupled a) {
            return name + "(" + a.agentPath() + a.problem().map(p -> ": " + p.message()).orElse("") + ")";
        } else if (o instanceof OrderObstacle.NoSubagentAvailable n) {
            return name + "(" + n.reason() + ")";
        }
        return name;
    }

    private static String ids(List<OrderId> ids) {
        return ids.stream().map(OrderId::string).collect(Collectors.joining(" "));
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
