package io.jobwerk.history;

import io.jobwerk.history.broker.OrderEventMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The order events still to be published, in the history's database (table {@code event_outbox}):
 * written by the history in the transaction that stores their events, deleted by the publisher once
 * the broker acknowledged them. So the rows left are the publisher's durable position.
 */
final class EventOutbox {
    private final HistoryDatabase database;

    EventOutbox(HistoryDatabase database) {
        this.database = database;
    }

    /** Adds the messages in the history's transaction {@code c}; a message stored before stays as it is. */
    static void write(Connection c, List<OrderEventMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event_outbox (event_id, order_id, event_type, message)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            for (OrderEventMessage m : messages) {
                s.setLong(1, m.eventId());
                s.setString(2, m.orderId());
                s.setString(3, m.eventType());
                s.setString(4, m.json());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Up to {@code limit} messages after {@code afterEventId}, oldest first. */
    List<OrderEventMessage> read(long afterEventId, int limit) throws SQLException {
        List<OrderEventMessage> messages = new ArrayList<>();
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("SELECT event_id, order_id, event_type, message FROM event_outbox"
                     + " WHERE event_id > ? ORDER BY event_id LIMIT ?")) {
            s.setLong(1, afterEventId);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    messages.add(new OrderEventMessage(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
        }
        return messages;
    }

    /** The broker stored every message up to {@code eventId}. */
    void deleteUpTo(long eventId) throws SQLException {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM event_outbox WHERE event_id <= ?")) {
            s.setLong(1, eventId);
            s.executeUpdate();
        }
    }

    /** How many messages wait. */
    long pendingCount() throws SQLException {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM event_outbox");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
