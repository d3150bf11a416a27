package io.jobwerk.engine.order;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an order stands in a Cycle: the end of the current admission period, which schedule scheme
 * and which admission period of it (as JS7), how many cycles have run ({@code index}, 1-based for the next one) and when the next starts.
 * Its text form is the suffix of the {@code cycle+…} branch id. A {@code next} of {@link Instant#EPOCH}
 * means "at once" (JS7's form for a Continuous cycle that is due).
 */
public record CycleState(Instant end, int schemeIndex, int periodIndex, int index, Instant next) {

    public CycleState {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(next, "next");
    }

    /**
     * As JS7: {@code end=1700000000000,scheme=1,period=1,i=1,next=1699999000000}, leaving out a zero
     * scheme, period or index and a next cycle that is due at once ({@link Instant#EPOCH}).
     */
    public String toBranchSuffix() {
        StringBuilder b = new StringBuilder("end=").append(end.toEpochMilli());
        if (schemeIndex != 0) {
            b.append(",scheme=").append(schemeIndex);
        }
        if (periodIndex != 0) {
            b.append(",period=").append(periodIndex);
        }
        if (index != 0) {
            b.append(",i=").append(index);
        }
        if (!next.equals(Instant.EPOCH)) {
            b.append(",next=").append(next.toEpochMilli());
        }
        return b.toString();
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
