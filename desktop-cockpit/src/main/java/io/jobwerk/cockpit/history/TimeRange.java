package io.jobwerk.cockpit.history;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** The history's date-range presets; {@link #from} is the range's start at {@code now} in the operator's zone (empty: no limit). */
public enum TimeRange {
    LAST_HOUR("Last hour"), TODAY("Today"), LAST_24_HOURS("Last 24 hours"), LAST_7_DAYS("Last 7 days"),
    LAST_30_DAYS("Last 30 days"), ALL("All time");

    private final String label;

    TimeRange(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Optional<Instant> from(Instant now, ZoneId zone) {
        return switch (this) {
            case LAST_HOUR -> Optional.of(now.minus(Duration.ofHours(1)));
            case TODAY -> Optional.of(now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
            case LAST_24_HOURS -> Optional.of(now.minus(Duration.ofHours(24)));
            case LAST_7_DAYS -> Optional.of(now.minus(Duration.ofDays(7)));
            case LAST_30_DAYS -> Optional.of(now.minus(Duration.ofDays(30)));
            case ALL -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
