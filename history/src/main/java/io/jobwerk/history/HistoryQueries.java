package io.jobwerk.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the history: filtered pages of orders and tasks, and an order's whole log. */
public final class HistoryQueries {
    private final HistoryDatabase database;

    HistoryQueries(HistoryDatabase database) {
        this.database = database;
    }

    /** An order's entry with its fork children's (empty for an order without children). */
    public record OrderEntry(OrderRow order, List<OrderRow> children) {
    }

    public HistoryPage<OrderEntry> orders(OrderQuery query) throws SQLException {
        Where where = new Where().raw("parent_order_id IS NULL")
                .equal("workflow_path", query.workflowPath())
                .equal("state", query.state())
                .atLeast("started_at", query.from())
                .before("started_at", query.to());
        try (Connection c = database.connection()) {
            long total = where.count(c, "order_history");
            List<OrderRow> rows = new ArrayList<>();
            try (PreparedStatement s = where.prepare(c, "SELECT " + HistoryRows.ORDER_COLUMNS + " FROM order_history" + where
                    + " ORDER BY started_at DESC, added_event_id DESC LIMIT ? OFFSET ?", query.limit(), query.offset());
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(HistoryRows.orderRow(r, 1));
                }
            }
            Map<OrderKey, List<OrderRow>> children = children(c, rows);
            return new HistoryPage<>(total, rows.stream()
                    .map(row -> new OrderEntry(row, children.getOrDefault(row.key(), List.of()))).toList());
        }
    }

    private static Map<OrderKey, List<OrderRow>> children(Connection c, List<OrderRow> mains) throws SQLException {
        Map<OrderKey, List<OrderRow>> children = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + HistoryRows.ORDER_COLUMNS + " FROM order_history"
                + " WHERE main_event_id = ? AND main_order_id = ? AND parent_order_id IS NOT NULL ORDER BY added_event_id, order_id")) {
            for (OrderRow main : mains) {
                s.setLong(1, main.key().addedEventId());
                s.setString(2, main.key().orderId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        children.computeIfAbsent(main.key(), k -> new ArrayList<>()).add(HistoryRows.orderRow(r, 1));
                    }
                }
            }
        }
        return children;
    }

    public HistoryPage<TaskRow> tasks(TaskQuery query) throws SQLException {
        Where where = new Where()
                .orderOrMain(query.orderId())
                .equal("workflow_path", query.workflowPath())
                .equal("job_name", query.jobName())
                .equal("agent_path", query.agentPath())
                .atLeast("started_at", query.from())
                .before("started_at", query.to());
        try (Connection c = database.connection()) {
            long total = where.count(c, "task_history");
            List<TaskRow> rows = new ArrayList<>();
            try (PreparedStatement s = where.prepare(c, "SELECT " + HistoryRows.TASK_COLUMNS + " FROM task_history" + where
                    + " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?", query.limit(), query.offset());
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(HistoryRows.taskRow(r, 1));
                }
            }
            return new HistoryPage<>(total, rows);
        }
    }

    /**
     * The whole log of the newest order with this id: each step (of the order and, for a top-level
     * order, of its fork children) in the order the steps started, under a header line naming the
     * job, the order, the Agent, the Subagent and the start, with stderr lines marked
     * {@code [stderr]} and a line naming the step's outcome once it ended. Empty for an unknown order.
     */
    public Optional<String> log(String orderId) throws SQLException {
        return logAt(orderId).map(OrderLog::text);
    }

    /**
     * An order's log (as {@link #log}) and the last event the history held when it was read: both
     * read in one transaction, so a reader following the events live appends exactly those after
     * {@code eventId} and neither loses nor doubles a line.
     */
    public record OrderLog(String text, long eventId) {}

    public Optional<OrderLog> logAt(String orderId) throws SQLException {
        try (Connection c = database.connection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            if (c.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)
                    && !c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("sqlite")) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // PostgreSQL: one snapshot for all statements
            }
            try {
                long eventId = 0;
                try (PreparedStatement s = c.prepareStatement("SELECT last_event_id FROM history_position WHERE id = 1");
                     ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        eventId = r.getLong(1);
                    }
                }
                long at = eventId;
                return logIn(c, orderId).map(text -> new OrderLog(text, at));
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
                if (c.getTransactionIsolation() != isolation) {
                    c.setTransactionIsolation(isolation);
                }
            }
        }
    }

    private Optional<String> logIn(Connection c, String orderId) throws SQLException {
        {
            Optional<OrderRow> entry = Optional.empty();
            try (PreparedStatement s = c.prepareStatement("SELECT " + HistoryRows.ORDER_COLUMNS + " FROM order_history WHERE order_id = ?"
                    + " ORDER BY added_event_id DESC LIMIT 1")) {
                s.setString(1, orderId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        entry = Optional.of(HistoryRows.orderRow(r, 1));
                    }
                }
            }
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            OrderRow order = entry.get();
            boolean isMain = order.parentOrderId().isEmpty();
            List<TaskRow> tasks = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + HistoryRows.TASK_COLUMNS + " FROM task_history WHERE "
                    + (isMain ? "main_event_id = ? AND main_order_id = ?" : "order_event_id = ? AND order_id = ?") + " ORDER BY id")) {
                s.setLong(1, order.key().addedEventId());
                s.setString(2, order.key().orderId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        tasks.add(HistoryRows.taskRow(r, 1));
                    }
                }
            }
            StringBuilder log = new StringBuilder();
            try (PreparedStatement s = c.prepareStatement("SELECT stream, chunk FROM log_chunk WHERE main_event_id = ? AND main_order_id = ?"
                    + " AND task_id = ? ORDER BY event_id")) {
                s.setLong(1, order.main().addedEventId());
                s.setString(2, order.main().orderId());
                for (TaskRow task : tasks) {
                    log.append(header(task));
                    s.setLong(3, task.id());
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            appendChunk(log, r.getString(1).charAt(0), r.getString(2));
                        }
                    }
                    endLine(log);
                    task.endedAt().ifPresent(ended -> log.append(footer(task, ended)));
                }
            }
            return Optional.of(log.toString());
        }
    }

    private static String header(TaskRow task) {
        return "[" + Instant.ofEpochMilli(task.startedAt()) + "] Job " + task.jobName().map(j -> "'" + j + "'").orElse("(anonymous)")
                + " started: order " + task.order().orderId() + ", workflow " + task.workflowPath() + "~" + task.versionId()
                + " at " + task.position() + task.agentPath().map(a -> ", Agent " + a).orElse("") + ", Subagent " + task.subagentId() + "\n";
    }

    private static String footer(TaskRow task, long ended) {
        return "[" + Instant.ofEpochMilli(ended) + "] Job " + task.jobName().map(j -> "'" + j + "'").orElse("(anonymous)") + " ended: "
                + task.outcome().orElse("?") + task.returnCode().map(rc -> ", returnCode " + rc).orElse("")
                + task.message().map(m -> ", " + m).orElse("") + "\n";
    }

    private static void appendChunk(StringBuilder log, char stream, String chunk) {
        if (stream != 'E') {
            log.append(chunk);
            return;
        }
        int start = 0;
        while (start < chunk.length()) {
            int nl = chunk.indexOf('\n', start);
            int end = nl < 0 ? chunk.length() : nl + 1;
            if (log.length() == 0 || log.charAt(log.length() - 1) == '\n') {
                log.append("[stderr] ");
            }
            log.append(chunk, start, end);
            start = end;
        }
    }

    private static void endLine(StringBuilder log) {
        if (log.length() > 0 && log.charAt(log.length() - 1) != '\n') {
            log.append('\n');
        }
    }

    /** A WHERE clause built from the filters given, with its parameters. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        Where raw(String condition) {
            conditions.add(condition);
            return this;
        }

        Where equal(String column, Optional<String> value) {
            value.ifPresent(v -> {
                conditions.add(column + " = ?");
                parameters.add(v);
            });
            return this;
        }

        Where orderOrMain(Optional<String> orderId) {
            orderId.ifPresent(v -> {
                conditions.add("(order_id = ? OR main_order_id = ?)");
                parameters.add(v);
                parameters.add(v);
            });
            return this;
        }

        Where atLeast(String column, Optional<Long> value) {
            value.ifPresent(v -> {
                conditions.add(column + " >= ?");
                parameters.add(v);
            });
            return this;
        }

        Where before(String column, Optional<Long> value) {
            value.ifPresent(v -> {
                conditions.add(column + " < ?");
                parameters.add(v);
            });
            return this;
        }

        long count(Connection c, String table) throws SQLException {
            try (PreparedStatement s = prepare(c, "SELECT COUNT(*) FROM " + table + this); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }

        PreparedStatement prepare(Connection c, String sql, Object... more) throws SQLException {
            PreparedStatement s = c.prepareStatement(sql);
            int i = 1;
            for (Object p : parameters) {
                s.setObject(i++, p);
            }
            for (Object p : more) {
                s.setObject(i++, p);
            }
            return s;
        }

        @Override
        public String toString() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }
}
