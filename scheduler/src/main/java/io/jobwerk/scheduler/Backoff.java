package io.jobwerk.scheduler;

import java.time.Duration;
import java.util.List;

/**
 * How long to wait before trying again after a number of failures in a row: the n-th delay,
 * the last one for every failure after.
 */
public record Backoff(List<Duration> delays) {

    public Backoff {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("A Backoff needs at least one delay");
        }
    }

    public static Backoff ofMillis(long... millis) {
        return new Backoff(java.util.Arrays.stream(millis).mapToObj(Duration::ofMillis).toList());
    }

    /** The delay after {@code failures} failures before this one (0 for the first failure). */
    public Duration delay(int failures) {
        return delays.get(Math.min(Math.max(failures, 0), delays.size() - 1));
    }
}
