package io.jobwerk.cockpit.log;

import java.util.Arrays;
import java.util.Locale;

/** Finds the lines holding a text, ignoring case; pure, so it runs off the UI thread on a {@link LogLines.Snapshot}. */
public final class LogSearch {
    private LogSearch() {}

    public static int[] find(LogLines.Snapshot lines, String term, int from) {
        if (term.isEmpty()) {
            return new int[0];
        }
        int[] found = new int[16];
        int n = 0;
        for (int i = from; i < lines.size(); i++) {
            if (contains(lines.texts()[i], term)) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = i;
            }
        }
        return Arrays.copyOf(found, n);
    }

    public static boolean contains(String text, String term) {
        int last = text.length() - term.length();
        char first = Character.toLowerCase(term.charAt(0));
        for (int i = 0; i <= last; i++) {
            if (Character.toLowerCase(text.charAt(i)) == first && text.regionMatches(true, i, term, 0, term.length())) {
                return true;
            }
        }
        return false;
    }

    /** Where {@code term} occurs in {@code text} (start offsets, not overlapping), ignoring case: what a line's cell highlights. */
    public static int[] occurrences(String text, String term) {
        if (term.isEmpty()) {
            return new int[0];
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String t = term.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) {
            return new int[0]; // a case mapping that changes lengths: no highlighting rather than wrong offsets
        }
        int[] at = new int[4];
        int n = 0;
        for (int i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + t.length())) {
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
            }
            at[n++] = i;
        }
        return Arrays.copyOf(at, n);
    }
}
