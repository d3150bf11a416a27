package io.jobwerk.engine.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The place of an instruction in a workflow: the branch path (which nested blocks to enter) and the
 * instruction number inside the innermost block. JSON: {@code [1,"then",0]} is instruction 0 of the
 * then-branch of instruction 1.
 */
public record Position(List<Segment> branchPath, int nr) implements Comparable<Position> {

    /** One step into a nested block: instruction {@code nr}, branch {@code branchId}. */
    public record Segment(int nr, BranchId branchId) {
        public Segment {
            if (nr < 0) {
                throw new IllegalArgumentException("Instruction number must not be negative: " + nr);
            }
            Objects.requireNonNull(branchId, "branchId");
        }
    }

    public Position {
        branchPath = List.copyOf(branchPath);
        if (nr < 0) {
            throw new IllegalArgumentException("Instruction number must not be negative: " + nr);
        }
    }

    public static final Position FIRST = new Position(List.of(), 0);

    public static Position of(int nr) {
        return new Position(List.of(), nr);
    }

    /** {@code Position.of(1, "then", 0)}, as JS7 writes positions. */
    public static Position of(Object... parts) {
        if (parts.length % 2 == 0) {
            throw new IllegalArgumentException("A position has an odd number of parts");
        }
        List<Segment> path = new ArrayList<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            path.add(new Segment((Integer) parts[i], parts[i + 1] instanceof BranchId b ? b : new BranchId((String) parts[i + 1])));
        }
        return new Position(path, (Integer) parts[parts.length - 1]);
    }

    /** The position of instruction {@code nr} in block {@code branchId} of this position's instruction. */
    public Position enter(BranchId branchId, int nr) {
        List<Segment> path = new ArrayList<>(branchPath);
        path.add(new Segment(this.nr, branchId));
        return new Position(path, nr);
    }

    /** The first instruction of block {@code branchId} of this position's instruction. */
    public Position enter(BranchId branchId) {
        return enter(branchId, 0);
    }

    public Position withNr(int nr) {
        return new Position(branchPath, nr);
    }

    public Position increment() {
        return withNr(nr + 1);
    }

    /** The position of the instruction whose block contains this position; empty at the top level. */
    public Optional<Position> parent() {
        if (branchPath.isEmpty()) {
            return Optional.empty();
        }
        Segment last = branchPath.get(branchPath.size() - 1);
        return Optional.of(new Position(branchPath.subList(0, branchPath.size() - 1), last.nr()));
    }

    /** The branch id of the innermost block; empty at the top level. */
    public Optional<BranchId> lastBranchId() {
        return branchPath.isEmpty() ? Optional.empty() : Optional.of(branchPath.get(branchPath.size() - 1).branchId());
    }

    public boolean isTopLevel() {
        return branchPath.isEmpty();
    }

    /** Whether this position lies inside (or at) the block given by {@code prefix}'s branch path plus {@code branchId}. */
    public boolean isIn(List<Segment> blockPath) {
        return branchPath.size() >= blockPath.size() && branchPath.subList(0, blockPath.size()).equals(blockPath);
    }

    /** JSON-like list: numbers and branch id strings. */
    public List<Object> toList() {
        List<Object> list = new ArrayList<>(branchPath.size() * 2 + 1);
        for (Segment s : branchPath) {
            list.add(s.nr());
            list.add(s.branchId().string());
        }
        list.add(nr);
        return list;
    }

    @Override
    public int compareTo(Position o) {
        int n = Math.min(branchPath.size(), o.branchPath.size());
        for (int i = 0; i < n; i++) {
            Segment a = branchPath.get(i);
            Segment b = o.branchPath.get(i);
            if (a.nr() != b.nr()) {
                return Integer.compare(a.nr(), b.nr());
            }
            int c = a.branchId().compareInDocumentOrder(b.branchId());
            if (c != 0) {
                return c;
            }
        }
        if (branchPath.size() != o.branchPath.size()) {
            return branchPath.size() < o.branchPath.size()
                    ? Integer.compare(nr, o.branchPath.get(n).nr()) <= 0 ? -1 : 1
                    : Integer.compare(branchPath.get(n).nr(), o.nr) < 0 ? -1 : 1;
        }
        return Integer.compare(nr, o.nr);
    }

    /** JS7 notation: {@code [1,"then",0]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (Segment s : branchPath) {
            sb.append(s.nr()).append(",\"").append(s.branchId()).append("\",");
        }
        return sb.append(nr).append(']').toString();
    }
}
