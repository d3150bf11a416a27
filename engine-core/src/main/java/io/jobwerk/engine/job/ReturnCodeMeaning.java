package io.jobwerk.engine.job;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which process return codes mean success: either the listed ones ({@code success}) or all but the
 * listed ones ({@code failure}). Codes are a range set as JS7 writes it: {@code "0,3..5,7"}.
 */
public record ReturnCodeMeaning(boolean listsSuccess, List<Range> ranges) {

    /** An inclusive range of return codes. */
    public record Range(int from, int to) {
        public Range {
            if (to < from) {
                throw new IllegalArgumentException("Range " + from + ".." + to + " is empty");
            }
        }

        boolean contains(int code) {
            return code >= from && code <= to;
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + ".." + to;
        }
    }

    public static final ReturnCodeMeaning DEFAULT = new ReturnCodeMeaning(true, List.of(new Range(0, 0)));

    public ReturnCodeMeaning {
        ranges = List.copyOf(ranges);
        Objects.requireNonNull(ranges);
    }

    public static ReturnCodeMeaning success(List<Range> ranges) {
        return new ReturnCodeMeaning(true, ranges);
    }

    public static ReturnCodeMeaning failure(List<Range> ranges) {
        return new ReturnCodeMeaning(false, ranges);
    }

    public boolean isSuccess(int returnCode) {
        boolean listed = ranges.stream().anyMatch(r -> r.contains(returnCode));
        return listsSuccess == listed;
    }

    /** Parses {@code "0,3..5,7"}; whitespace around items is allowed. */
    public static Checked<List<Range>> parseRanges(String string) {
        List<Range> ranges = new ArrayList<>();
        if (string.isBlank()) {
            return Checked.ok(ranges);
        }
        for (String item : string.split(",", -1)) {  // -1: a trailing comma is an empty item, not ignored
            String s = item.trim();
            try {
                int dots = s.indexOf("..");
                Range r = dots < 0
                        ? new Range(Integer.parseInt(s), Integer.parseInt(s))
                        : new Range(Integer.parseInt(s.substring(0, dots).trim()), Integer.parseInt(s.substring(dots + 2).trim()));
                ranges.add(r);
            } catch (IllegalArgumentException e) {
                return Checked.fail(Problem.of("InvalidReturnCodes",
                        "Invalid return code range '" + s + "' in '" + string + "': expected a number or 'from..to'"));
            }
        }
        return Checked.ok(ranges);
    }

    /** The range set in JS7's string notation. */
    public String rangesString() {
        return String.join(",", ranges.stream().map(Range::toString).toList());
    }
}
