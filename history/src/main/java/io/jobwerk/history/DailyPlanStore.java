package io.jobwerk.history;

import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.plan.PlannedOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The daily plan's rows in the Controller's database (table {@code daily_plan_order}, see V2__daily_plan.sql). */
final class DailyPlanStore {

    enum State { planned, submitted, removed }

    /** A planned start as stored; {@code finished} when the history holds the order's end. */
    record Entry(String planKey, String orderId, LocalDate planDate, String schedulePath, String workflowPath, Instant scheduledFor,
                 FreshOrder freshOrder, State state, boolean finished) {}

    private final HistoryDatabase database;

    DailyPlanStore(HistoryDatabase database) {
        this.database = database;
    }

    /** Stores the orders whose keys are new; an existing row (also a removed one) stays. The orders stored. */
    List<PlannedOrder> insertNew(List<PlannedOrder> orders, Instant now) throws SQLException {
        List<PlannedOrder> inserted = new ArrayList<>();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO daily_plan_order (plan_key, order_id, plan_date, schedule_path,"
                    + " workflow_path, scheduled_for, fresh_order, state, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
                for (PlannedOrder o : orders) {
                    ps.setString(1, o.key());
                    ps.setString(2, o.orderId().string());
                    ps.setString(3, o.planDate().toString());
                    ps.setString(4, o.schedulePath().string());
                    ps.setString(5, o.workflowPath().string());
                    ps.setLong(6, o.scheduledFor().toEpochMilli());
                    ps.setString(7, EngineJson.print(CommandJson.encode(new Command.AddOrder(o.toFreshOrder()))));
                    ps.setString(8, State.planned.name());
                    ps.setLong(9, now.toEpochMilli());
                    if (ps.executeUpdate() == 1) {
                        inserted.add(o);
                    }
                }
            }
            c.commit();
        }
        return inserted;
    }

    /** The rows of the dates in {@code states}, by start time. */
    List<Entry> entries(LocalDate from, LocalDate to, List<State> states) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        String in = String.join(", ", states.stream().map(s -> "'" + s.name() + "'").toList());
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("SELECT p.plan_key, p.order_id, p.plan_date, p.schedule_path, p.workflow_path,"
                     + " p.scheduled_for, p.fresh_order, p.state, EXISTS (SELECT 1 FROM order_history h WHERE h.order_id = p.order_id"
                     + " AND h.parent_order_id IS NULL AND h.ended_at IS NOT NULL AND h.added_at >= p.changed_at - 1000) AS finished"
                     + " FROM daily_plan_order p WHERE p.plan_date >= ? AND p.plan_date <= ? AND p.state IN (" + in + ")"
                     + " ORDER BY p.scheduled_for, p.order_id")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    FreshOrder fresh = ((Command.AddOrder) CommandJson.decode(EngineJson.parse(r.getString(7)).orThrow()).orThrow()).order();
                    entries.add(new Entry(r.getString(1), r.getString(2), LocalDate.parse(r.getString(3)), r.getString(4), r.getString(5),
                            Instant.ofEpochMilli(r.getLong(6)), fresh, State.valueOf(r.getString(8)), r.getBoolean(9)));
                }
            }
        }
        return entries;
    }

    void setState(List<String> planKeys, State state, Instant now) throws SQLException {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE daily_plan_order SET state = ?, changed_at = ? WHERE plan_key = ?")) {
                for (String key : planKeys) {
                    ps.setString(1, state.name());
                    ps.setLong(2, now.toEpochMilli());
                    ps.setString(3, key);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
