package io.jobwerk.engine.order;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an order stands in a Cycle: the end of the current admission period, which schedule scheme
 * and which admission period of it (as JS7), how many cycles have run ({@code index}, 1-based for the next one) and when the next starts.
 * Its text form is the suffix of the {@code cycle+…} branch id.
 */
public record CycleState(Instant end, int schemeIndex, int periodIndex, int index, Instant next) {

    public CycleState {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(next, "next");
    }

    /** {@code end=1700000000000,scheme=0,period=0,i=1,next=1699999000000}. */
    public String toBranchSuffix() {
        return "end=" + end.toEpochMilli() + ",scheme=" + schemeIndex + ",period=" + periodIndex + ",i=" + index
                + ",next=" + next.toEpochMilli();
    }

    /** Parses {@link #toBranchSuffix()}; null when malformed. */
    public static CycleState fromBranchSuffix(String s) {
        try {
            long end = 0;
            long next = 0;
            int scheme = 0;
            int period = 0;
            int index = 0;
            for (String part : s.split(",")) {
                String[] kv = part.split("=", 2);
                switch (kv[0]) {
                    case "end" -> end = Long.parseLong(kv[1]);
                    case "scheme" -> scheme = Integer.parseInt(kv[1]);
                    case "period" -> period = Integer.parseInt(kv[1]);
                    case "i" -> index = Integer.parseInt(kv[1]);
                    case "next" -> next = Long.parseLong(kv[1]);
                    default -> { }
                }
            }
            return new CycleState(Instant.ofEpochMilli(end), scheme, period, index, Instant.ofEpochMilli(next));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
