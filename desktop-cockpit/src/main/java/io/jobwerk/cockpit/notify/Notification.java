package io.jobwerk.cockpit.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * Something the operator should know of: an order failed, an Agent or Subagent or the Controller
 * connection was lost. {@code subject} is what it is about (an order id, an Agent, the Controller),
 * {@code orderId} set when a click should open that order.
 */
public record Notification(long seq, Instant at, Kind kind, String subject, String text, Optional<String> orderId,
                           boolean acknowledged) {

    public enum Kind {
        ORDER_FAILED("Order failed", "mdoal-error_outline"),
        AGENT_LOST("Agent lost", "mdoal-link_off"),
        SUBAGENT_LOST("Subagent lost", "mdoal-link_off"),
        CONNECTION_LOST("Connection lost", "mdoal-cloud_off");

        private final String title;
        private final String icon;

        Kind(String title, String icon) {
            this.title = title;
            this.icon = icon;
        }

        public String title() {
            return title;
        }

        public String icon() {
            return icon;
        }
    }

    public Notification acknowledge() {
        return new Notification(seq, at, kind, subject, text, orderId, true);
    }

    /** e.g. {@code Order failed: check-disk-data} */
    public String title() {
        return kind.title() + ": " + subject;
    }
}
