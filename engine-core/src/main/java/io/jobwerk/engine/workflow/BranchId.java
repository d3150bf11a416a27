package io.jobwerk.engine.workflow;

import java.util.Objects;
import java.util.Optional;

/**
 * Names a nested block of an instruction in a {@link Position}, spelled exactly as JS7 writes it:
 * {@code then} (first if-then), {@code then+2}… (further else-ifs, 1-based), {@code else},
 * {@code try+N}/{@code catch+N} (N = number of retries so far), {@code fork+BRANCH} (Fork),
 * {@code fork} (ForkList), {@code lock}, {@code cycle} / {@code cycle+…} (Cycle, with cycle state),
 * {@code consumeNotices}, {@code stickySubagent}, {@code options}, {@code admissionTime}.
 */
public record BranchId(String string) {

    public static final BranchId THEN = new BranchId("then");
    public static final BranchId ELSE = new BranchId("else");
    public static final BranchId FORK_LIST = new BranchId("fork");
    public static final BranchId LOCK = new BranchId("lock");
    public static final BranchId CYCLE = new BranchId("cycle");
    public static final BranchId CONSUME_NOTICES = new BranchId("consumeNotices");
    public static final BranchId STICKY_SUBAGENT = new BranchId("stickySubagent");
    public static final BranchId OPTIONS = new BranchId("options");
    public static final BranchId ADMISSION_TIME = new BranchId("admissionTime");

    private static final String TRY_PREFIX = "try+";
    private static final String CATCH_PREFIX = "catch+";
    private static final String FORK_PREFIX = "fork+";
    private static final String THEN_PREFIX = "then+";
    private static final String CYCLE_PREFIX = "cycle+";

    public BranchId {
        Objects.requireNonNull(string, "string");
        if (string.isEmpty()) {
            throw new IllegalArgumentException("BranchId must not be empty");
        }
    }

    /** The branch of the {@code index}-th (0-based) predicate of an If. */
    public static BranchId then(int index) {
        return index == 0 ? THEN : new BranchId(THEN_PREFIX + (index + 1));
    }

    /** The 0-based index of an If's then-branch, if this is one. Plain {@code then} is index 0. */
    public Optional<Integer> thenIndex() {
        if (equals(THEN)) {
            return Optional.of(0);
        }
        return suffixNumber(THEN_PREFIX).filter(n -> n >= 2).map(n -> n - 1);  // then+1 would alias plain then
    }

    public static BranchId tryBranch(int retry) {
        return new BranchId(TRY_PREFIX + retry);
    }

    public static BranchId catchBranch(int retry) {
        return new BranchId(CATCH_PREFIX + retry);
    }

    public static BranchId fork(String forkBranch) {
        return new BranchId(FORK_PREFIX + forkBranch);
    }

    /** Cycle branch with its state, e.g. {@code cycle+end=1700000000000,scheme=0,i=1,next=1699999000000}. */
    public static BranchId cycle(String cycleState) {
        return new BranchId(CYCLE_PREFIX + cycleState);
    }

    /** The retry number of a {@code try+N} branch. Legacy {@code try} counts as 0. */
    public Optional<Integer> tryRetry() {
        return string.equals("try") ? Optional.of(0) : suffixNumber(TRY_PREFIX);
    }

    /** The retry number of a {@code catch+N} branch. Legacy {@code catch} counts as 0. */
    public Optional<Integer> catchRetry() {
        return string.equals("catch") ? Optional.of(0) : suffixNumber(CATCH_PREFIX);
    }

    public boolean isTry() {
        return tryRetry().isPresent();
    }

    public boolean isCatch() {
        return catchRetry().isPresent();
    }

    public boolean isTryOrCatch() {
        return isTry() || isCatch();
    }

    /** The Fork branch id of a {@code fork+BRANCH} branch. */
    public Optional<String> forkBranch() {
        return string.startsWith(FORK_PREFIX) ? Optional.of(string.substring(FORK_PREFIX.length())) : Optional.empty();
    }

    public boolean isFork() {
        return string.startsWith(FORK_PREFIX) || equals(FORK_LIST);
    }

    public boolean isCycle() {
        return equals(CYCLE) || string.startsWith(CYCLE_PREFIX);
    }

    /** The cycle state text after {@code cycle+}, if any. */
    public Optional<String> cycleState() {
        return string.startsWith(CYCLE_PREFIX) ? Optional.of(string.substring(CYCLE_PREFIX.length())) : Optional.empty();
    }

    /**
     * Orders sibling branches of one instruction as a workflow lists them: an If's then-branches by
     * index, then {@code else}; a Try's {@code try+N} before {@code catch+N} before {@code try+(N+1)};
     * other branches (fork branches, cycle states) by their text.
     */
    public int compareInDocumentOrder(BranchId other) {
        long[] a = rank();
        long[] b = other.rank();
        if (a[0] != b[0]) {
            return Long.compare(a[0], b[0]);
        }
        if (a[1] != b[1]) {
            return Long.compare(a[1], b[1]);
        }
        return string.compareTo(other.string);
    }

    private long[] rank() {
        Optional<Integer> then = thenIndex();
        if (then.isPresent()) {
            return new long[] {0, then.get()};
        }
        if (equals(ELSE)) {
            return new long[] {1, 0};
        }
        Optional<Integer> tryRetry = tryRetry();
        if (tryRetry.isPresent()) {
            return new long[] {2, 2L * tryRetry.get()};
        }
        Optional<Integer> catchRetry = catchRetry();
        if (catchRetry.isPresent()) {
            return new long[] {2, 2L * catchRetry.get() + 1};
        }
        return new long[] {3, 0};
    }

    private Optional<Integer> suffixNumber(String prefix) {
        if (!string.startsWith(prefix)) {
            return Optional.empty();
        }
        String digits = string.substring(prefix.length());
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();  // parseInt would accept "+1" and "-1"
        }
        try {
            return Optional.of(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return string;
    }
}
