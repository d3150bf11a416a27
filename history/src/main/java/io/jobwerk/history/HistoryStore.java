package io.jobwerk.history;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.OrderJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the history: each {@link HistoryBatch} and the id of its last event in one transaction,
 * so a restart goes on exactly after what was stored; loads what the ingesting thread needs to go
 * on; deletes old entries.
 */
final class HistoryStore {
    private static final Logger LOG = Logger.getLogger(HistoryStore.class.getName());

    private final HistoryDatabase database;

    HistoryStore(HistoryDatabase database) {
        this.database = database;
    }

    /** Where the history goes on: after {@code lastEventId}, with the orders it follows. */
    record Resumption(long lastEventId, HistoryProjection projection) {
    }

    /**
     * The stored position and the followed orders. When the history was written for another journal
     * (the Controller's data were reset), it starts anew at the journal's start and stops following
     * the orders of the old one; their entries stay.
     */
    Resumption load(String journalId, Function<WorkflowId, Optional<Workflow>> fallbackWorkflow) throws SQLException {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            long lastEventId;
            try (PreparedStatement s = c.prepareStatement("SELECT journal_id, last_event_id FROM history_position WHERE id = 1");
                 ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    lastEventId = 0;
                    update(c, "INSERT INTO history_position (id, journal_id, last_event_id) VALUES (1, ?, 0)", journalId);
                } else if (!r.getString(1).equals(journalId)) {
                    LOG.warning("The history was written for journal " + r.getString(1) + ", the Controller's journal is " + journalId
                            + ": it starts anew at the journal's first event (the entries stored stay)");
                    lastEventId = 0;
                    update(c, "DELETE FROM live_order");
                    update(c, "UPDATE history_position SET journal_id = ?, last_event_id = 0 WHERE id = 1", journalId);
                } else {
                    lastEventId = r.getLong(2);
                }
            }
            Map<WorkflowId, Workflow> workflows = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT workflow_json FROM workflow"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Checked<Workflow> w = EngineJson.parse(r.getString(1)).flatMap(WorkflowJson::decode);
                    w.toOptional().ifPresent(workflow -> workflows.put(workflow.id(), workflow));
                }
            }
            Map<String, LiveOrder> live = loadLive(c);
            c.commit();
            return new Resumption(lastEventId, new HistoryProjection(live, workflows, fallbackWorkflow));
        }
    }

    private static Map<String, LiveOrder> loadLive(Connection c) throws SQLException {
        Map<String, LiveOrder> live = new HashMap<>();
        String sql = "SELECT l.order_json, " + HistoryRows.ORDER_COLUMNS_O + ", " + HistoryRows.TASK_COLUMNS_T
                + " FROM live_order l JOIN order_history o ON o.added_event_id = l.added_event_id AND o.order_id = l.order_id"
                + " LEFT JOIN task_history t ON t.id = l.task_id";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Checked<Order> order = EngineJson.parse(r.getString(1)).flatMap(OrderJson::decode);
                if (order.isFail()) {
                    LOG.warning("A followed order cannot be read back, the history stops following it: " + order.problemOption().orElseThrow());
                    continue;
                }
                OrderRow row = HistoryRows.orderRow(r, 2);
                Optional<TaskRow> task = HistoryRows.taskRowOrEmpty(r, 2 + HistoryRows.ORDER_COLUMN_COUNT);
                live.put(row.key().orderId(), new LiveOrder(order.orThrow(), row, task));
            }
        }
        return live;
    }

    /** Stores the batch and its last event id, all or nothing. */
    void write(HistoryBatch batch) throws SQLException {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                writeOrders(c, batch.orders.values());
                writeTasks(c, batch.tasks.values());
                writeChunks(c, batch.chunks);
                writeLive(c, batch.live);
                writeWorkflows(c, batch.workflows);
                EventOutbox.write(c, batch.outbox);
                try (PreparedStatement s = c.prepareStatement("UPDATE history_position SET last_event_id = ? WHERE id = 1")) {
                    s.setLong(1, batch.lastEventId);
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
    }

    private static void writeOrders(Connection c, Iterable<OrderRow> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO order_history (added_event_id, order_id, main_event_id, main_order_id,"
                + " parent_order_id, workflow_path, version_id, state, position, added_at, scheduled_for, started_at, ended_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (added_event_id, order_id) DO UPDATE SET"
                + " state = excluded.state, position = excluded.position, started_at = excluded.started_at, ended_at = excluded.ended_at")) {
            int n = 0;
            for (OrderRow row : rows) {
                s.setLong(1, row.key().addedEventId());
                s.setString(2, row.key().orderId());
                s.setLong(3, row.main().addedEventId());
                s.setString(4, row.main().orderId());
                setString(s, 5, row.parentOrderId());
                s.setString(6, row.workflowPath());
                s.setString(7, row.versionId());
                s.setString(8, row.state());
                s.setString(9, row.position());
                s.setLong(10, row.addedAt());
                setLong(s, 11, row.scheduledFor());
                s.setLong(12, row.startedAt());
                setLong(s, 13, row.endedAt());
                s.addBatch();
                n++;
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
    }

    private static void writeTasks(Connection c, Iterable<TaskRow> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO task_history (id, order_event_id, order_id, main_event_id, main_order_id,"
                + " workflow_path, version_id, position, job_name, agent_path, subagent_id, started_at, ended_at, return_code, outcome, message)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " ended_at = excluded.ended_at, return_code = excluded.return_code, outcome = excluded.outcome, message = excluded.message")) {
            int n = 0;
            for (TaskRow row : rows) {
                s.setLong(1, row.id());
                s.setLong(2, row.order().addedEventId());
                s.setString(3, row.order().orderId());
                s.setLong(4, row.main().addedEventId());
                s.setString(5, row.main().orderId());
                s.setString(6, row.workflowPath());
                s.setString(7, row.versionId());
                s.setString(8, row.position());
                setString(s, 9, row.jobName());
                setString(s, 10, row.agentPath());
                s.setString(11, row.subagentId());
                s.setLong(12, row.startedAt());
                setLong(s, 13, row.endedAt());
                if (row.returnCode().isPresent()) {
                    s.setInt(14, row.returnCode().get());
                } else {
                    s.setNull(14, Types.INTEGER);
                }
                setString(s, 15, row.outcome());
                setString(s, 16, row.message().map(m -> m.length() > 4000 ? m.substring(0, 4000) : m));
                s.addBatch();
                n++;
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
    }

    private static void writeChunks(Connection c, List<LogChunk> chunks) throws SQLException {
        if (chunks.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO log_chunk (event_id, main_event_id, main_order_id, task_id, stream, chunk)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            for (LogChunk chunk : chunks) {
                s.setLong(1, chunk.eventId());
                s.setLong(2, chunk.main().addedEventId());
                s.setString(3, chunk.main().orderId());
                setLong(s, 4, chunk.taskId());
                s.setString(5, String.valueOf(chunk.stream()));
                s.setString(6, withoutNul(chunk.chunk()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void writeLive(Connection c, Map<String, Optional<LiveOrder>> live) throws SQLException {
        if (live.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM live_order WHERE order_id = ?");
             PreparedStatement upsert = c.prepareStatement("INSERT INTO live_order (order_id, added_event_id, main_event_id, main_order_id,"
                     + " task_id, order_json) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO UPDATE SET"
                     + " added_event_id = excluded.added_event_id, main_event_id = excluded.main_event_id,"
                     + " main_order_id = excluded.main_order_id, task_id = excluded.task_id, order_json = excluded.order_json")) {
            int deletes = 0;
            int upserts = 0;
            for (Map.Entry<String, Optional<LiveOrder>> e : live.entrySet()) {
                if (e.getValue().isEmpty()) {
                    delete.setString(1, e.getKey());
                    delete.addBatch();
                    deletes++;
                } else {
                    LiveOrder l = e.getValue().get();
                    upsert.setString(1, e.getKey());
                    upsert.setLong(2, l.row().key().addedEventId());
                    upsert.setLong(3, l.row().main().addedEventId());
                    upsert.setString(4, l.row().main().orderId());
                    setLong(upsert, 5, l.task().map(TaskRow::id));
                    upsert.setString(6, withoutNul(EngineJson.print(OrderJson.encode(l.order()))));
                    upsert.addBatch();
                    upserts++;
                }
            }
            if (deletes > 0) {
                delete.executeBatch();
            }
            if (upserts > 0) {
                upsert.executeBatch();
            }
        }
    }

    private static void writeWorkflows(Connection c, List<Workflow> workflows) throws SQLException {
        if (workflows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO workflow (workflow_path, version_id, workflow_json) VALUES (?, ?, ?)"
                + " ON CONFLICT (workflow_path, version_id) DO NOTHING")) {
            for (Workflow w : workflows) {
                s.setString(1, w.id().path().string());
                s.setString(2, w.id().versionId().string());
                s.setString(3, withoutNul(EngineJson.print(WorkflowJson.encode(w))));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Deletes the entries of top-level orders that ended before {@code cutoffMillis}, with their
     * children, tasks and log, in transactions of at most 500 orders; returns how many orders. An
     * ended order the Controller still keeps (not deleted when terminated) is deleted too: should it
     * go on (a failed order resumed), its entry is written anew from what the service follows.
     */
    int deleteEndedBefore(long cutoffMillis) throws SQLException {
        int deleted = 0;
        while (true) {
            List<OrderKey> mains = new ArrayList<>();
            try (Connection c = database.connection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("SELECT o.added_event_id, o.order_id FROM order_history o"
                        + " WHERE o.ended_at < ? AND o.parent_order_id IS NULL"
                        + " ORDER BY o.ended_at LIMIT 500")) {
                    s.setLong(1, cutoffMillis);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            mains.add(new OrderKey(r.getLong(1), r.getString(2)));
                        }
                    }
                }
                try {
                    for (String table : List.of("log_chunk", "task_history", "order_history")) {
                        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE main_event_id = ? AND main_order_id = ?")) {
                            for (OrderKey main : mains) {
                                s.setLong(1, main.addedEventId());
                                s.setString(2, main.orderId());
                                s.addBatch();
                            }
                            if (!mains.isEmpty()) {
                                s.executeBatch();
                            }
                        }
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    rollback(c);
                    throw e;
                }
            }
            deleted += mains.size();
            if (mains.size() < 500) {
                return deleted;
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Rollback failed", e);
        }
    }

    private static void update(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    private static void setString(PreparedStatement s, int i, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            s.setString(i, withoutNul(value.get()));
        } else {
            s.setNull(i, Types.VARCHAR);
        }
    }

    private static void setLong(PreparedStatement s, int i, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(i, value.get());
        } else {
            s.setNull(i, Types.BIGINT);
        }
    }

    /** PostgreSQL's text cannot hold NUL; a job may write one. */
    private static String withoutNul(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }
}
