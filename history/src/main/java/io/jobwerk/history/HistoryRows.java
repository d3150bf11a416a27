package io.jobwerk.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reading {@link OrderRow}s and {@link TaskRow}s from result sets (the columns in the order listed here). */
final class HistoryRows {
    private HistoryRows() {
    }

    static final String ORDER_COLUMNS = "added_event_id, order_id, main_event_id, main_order_id, parent_order_id, workflow_path,"
            + " version_id, state, position, added_at, scheduled_for, started_at, ended_at";
    static final int ORDER_COLUMN_COUNT = 13;
    static final String ORDER_COLUMNS_O = prefixed("o.", ORDER_COLUMNS);

    static final String TASK_COLUMNS = "id, order_event_id, order_id, main_event_id, main_order_id, workflow_path, version_id,"
            + " position, job_name, agent_path, subagent_id, started_at, ended_at, return_code, outcome, message";
    static final String TASK_COLUMNS_T = prefixed("t.", TASK_COLUMNS);

    private static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }

    static OrderRow orderRow(ResultSet r, int i) throws SQLException {
        return new OrderRow(new OrderKey(r.getLong(i), r.getString(i + 1)), new OrderKey(r.getLong(i + 2), r.getString(i + 3)),
                Optional.ofNullable(r.getString(i + 4)), r.getString(i + 5), r.getString(i + 6), r.getString(i + 7),
                r.getString(i + 8), r.getLong(i + 9), optionalLong(r, i + 10), r.getLong(i + 11), optionalLong(r, i + 12));
    }

    /** The task at column {@code i}, empty when a left join found none. */
    static Optional<TaskRow> taskRowOrEmpty(ResultSet r, int i) throws SQLException {
        r.getLong(i);
        return r.wasNull() ? Optional.empty() : Optional.of(taskRow(r, i));
    }

    static TaskRow taskRow(ResultSet r, int i) throws SQLException {
        int returnCode = r.getInt(i + 13);
        Optional<Integer> rc = r.wasNull() ? Optional.empty() : Optional.of(returnCode);
        return new TaskRow(r.getLong(i), new OrderKey(r.getLong(i + 1), r.getString(i + 2)), new OrderKey(r.getLong(i + 3), r.getString(i + 4)),
                r.getString(i + 5), r.getString(i + 6), r.getString(i + 7), Optional.ofNullable(r.getString(i + 8)),
                Optional.ofNullable(r.getString(i + 9)), r.getString(i + 10), r.getLong(i + 11), optionalLong(r, i + 12), rc,
                Optional.ofNullable(r.getString(i + 14)), Optional.ofNullable(r.getString(i + 15)));
    }

    private static Optional<Long> optionalLong(ResultSet r, int i) throws SQLException {
        long value = r.getLong(i);
        return r.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
