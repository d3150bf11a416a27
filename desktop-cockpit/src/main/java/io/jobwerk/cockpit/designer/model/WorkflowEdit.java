package io.jobwerk.cockpit.designer.model;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One edit of a workflow in the designer, as a value: applying it is a pure function from the
 * workflow before to the workflow after (or a problem naming why it cannot be done), so undo and
 * redo are just the values before and after. An insertion point is a {@link Position} read as
 * "before the instruction at this position in its block" ({@code nr} = the block's size: at its end).
 */
public sealed interface WorkflowEdit {

    enum Kind { INSERT, DELETE, MOVE, REPLACE, PUT_JOB, REPLACE_WORKFLOW, RENAME_JOB, INSERT_RUN, DELETE_RUN, MOVE_RUN }

    Kind kind();

    /** A short description for the undo/redo menu, e.g. "Insert If". */
    String describe();

    /** The workflow after the edit, and the position of the instruction the edit concerns (to select it). */
    record Edited(Workflow workflow, Optional<Position> focus) {}

    /** Inserts an instruction; {@code jobs} are declared at the top level with it (a new job's definition). */
    record Insert(Position at, Instruction instruction, Map<JobName, WorkflowJob> jobs) implements WorkflowEdit {
        public Insert {
            jobs = Map.copyOf(jobs);
        }

        public Kind kind() {
            return Kind.INSERT;
        }

        public String describe() {
            return "Insert " + InstructionTemplates.name(instruction.kind());
        }
    }

    record Delete(Position at) implements WorkflowEdit {
        public Kind kind() {
            return Kind.DELETE;
        }

        public String describe() {
            return "Delete " + at;
        }
    }

    /** Moves the instruction at {@code from} (with its blocks) to the insertion point {@code to}, which is read before the move. */
    record Move(Position from, Position to) implements WorkflowEdit {
        public Kind kind() {
            return Kind.MOVE;
        }

        public String describe() {
            return "Move " + from;
        }
    }

    /** Replaces the instruction at a position (its properties changed); its blocks come with the new value. */
    record Replace(Position at, Instruction instruction) implements WorkflowEdit {
        public Kind kind() {
            return Kind.REPLACE;
        }

        public String describe() {
            return "Change " + InstructionTemplates.name(instruction.kind()) + " at " + at;
        }
    }

    /** Changes a named job where it is declared, or declares it at the top level. */
    record PutJob(JobName name, WorkflowJob job) implements WorkflowEdit {
        public Kind kind() {
            return Kind.PUT_JOB;
        }

        public String describe() {
            return "Change job " + name;
        }
    }

    /**
     * Renames a named job where it is declared and in every {@code Execute.Named} that runs it, as
     * one edit; refused when another job has the new name ({@link JobRename}).
     */
    record RenameJob(JobName from, JobName to) implements WorkflowEdit {
        public Kind kind() {
            return Kind.RENAME_JOB;
        }

        public String describe() {
            return "Rename job " + from + " to " + to;
        }
    }

    /** The whole workflow at once, e.g. from the JSON view. */
    record ReplaceWorkflow(Workflow workflow) implements WorkflowEdit {
        public Kind kind() {
            return Kind.REPLACE_WORKFLOW;
        }

        public String describe() {
            return "Edit JSON";
        }
    }

    /**
     * Consecutive instructions of one block, {@code first} and the {@code count - 1} after it: what
     * several selected instructions are deleted, copied and moved as.
     */
    record Run(Position first, int count) {
        public Run {
            if (count < 1) {
                throw new IllegalArgumentException("A run has at least one instruction: " + count);
            }
        }

        public Position last() {
            return first.withNr(first.nr() + count - 1);
        }

        /** The positions of the run, in order. */
        public List<Position> positions() {
            return java.util.stream.IntStream.range(0, count).mapToObj(i -> first.withNr(first.nr() + i)).toList();
        }

        /** The run these positions make, if they are consecutive in one block. */
        public static Optional<Run> of(java.util.Collection<Position> positions) {
            if (positions.isEmpty()) {
                return Optional.empty();
            }
            List<Position> sorted = positions.stream().sorted(java.util.Comparator.comparingInt(Position::nr)).toList();
            Position first = sorted.get(0);
            for (int i = 0; i < sorted.size(); i++) {
                Position p = sorted.get(i);
                if (!p.branchPath().equals(first.branchPath()) || p.nr() != first.nr() + i) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Run(first, sorted.size()));
        }

        @Override
        public String toString() {
            return count == 1 ? first.toString() : first + "…" + last().nr();
        }
    }

    /** Inserts instructions one after the other at an insertion point (a pasted run), with the jobs they need. */
    record InsertRun(Position at, List<Instruction> instructions, Map<JobName, WorkflowJob> jobs) implements WorkflowEdit {
        public InsertRun {
            instructions = List.copyOf(instructions);
            jobs = Map.copyOf(jobs);
        }

        public Kind kind() {
            return Kind.INSERT_RUN;
        }

        public String describe() {
            return "Insert " + instructions.size() + " instructions";
        }
    }

    record DeleteRun(Run run) implements WorkflowEdit {
        public Kind kind() {
            return Kind.DELETE_RUN;
        }

        public String describe() {
            return "Delete " + run;
        }
    }

    /** Moves a run to the insertion point {@code to}, read before the move. */
    record MoveRun(Run run, Position to) implements WorkflowEdit {
        public Kind kind() {
            return Kind.MOVE_RUN;
        }

        public String describe() {
            return "Move " + run;
        }
    }

    /** Applies an edit; a problem if a position does not exist or a move would put a block into itself. */
    static Checked<Edited> apply(Workflow workflow, WorkflowEdit edit) {
        return switch (edit.kind()) {
            case INSERT -> insert(workflow, (Insert) edit);
            case DELETE -> delete(workflow, ((Delete) edit).at());
            case MOVE -> move(workflow, (Move) edit);
            case REPLACE -> replace(workflow, (Replace) edit);
            case PUT_JOB -> Checked.ok(new Edited(putJob(workflow, ((PutJob) edit).name(), ((PutJob) edit).job()), Optional.empty()));
            case REPLACE_WORKFLOW -> Checked.ok(new Edited(((ReplaceWorkflow) edit).workflow(), Optional.empty()));
            case RENAME_JOB -> JobRename.rename(workflow, ((RenameJob) edit).from(), ((RenameJob) edit).to())
                    .map(w -> new Edited(w, Optional.empty()));
            case INSERT_RUN -> insertRun(workflow, (InsertRun) edit);
            case DELETE_RUN -> deleteRun(workflow, ((DeleteRun) edit).run());
            case MOVE_RUN -> moveRun(workflow, (MoveRun) edit);
        };
    }

    private static Checked<Edited> insert(Workflow workflow, Insert insert) {
        return insertRun(workflow, new InsertRun(insert.at(), List.of(insert.instruction()), insert.jobs()));
    }

    private static Checked<Edited> insertRun(Workflow workflow, InsertRun insert) {
        Position at = insert.at();
        Optional<Block> block = workflow.block(at.branchPath());
        if (block.isEmpty() || at.nr() < 0 || at.nr() > block.get().instructions().size()) {
            return Checked.fail(noPosition(at));
        }
        Workflow inserted = Blocks.updateBlock(workflow, at.branchPath(), b -> {
            List<Instruction> list = new ArrayList<>(b.instructions());
            list.addAll(at.nr(), insert.instructions());
            return Blocks.withInstructions(b, list);
        });
        for (Map.Entry<JobName, WorkflowJob> job : new java.util.TreeMap<>(insert.jobs()).entrySet()) {
            inserted = putJob(inserted, job.getKey(), job.getValue());
        }
        return Checked.ok(new Edited(inserted, Optional.of(at)));
    }

    private static Checked<Edited> delete(Workflow workflow, Position at) {
        return deleteRun(workflow, new Run(at, 1));
    }

    private static Checked<Edited> deleteRun(Workflow workflow, Run run) {
        if (!exists(workflow, run.first()) || !exists(workflow, run.last())) {
            return Checked.fail(noPosition(exists(workflow, run.first()) ? run.last() : run.first()));
        }
        Workflow deleted = Blocks.updateBlock(workflow, run.first().branchPath(), b -> {
            List<Instruction> list = new ArrayList<>(b.instructions());
            list.subList(run.first().nr(), run.first().nr() + run.count()).clear();
            return Blocks.withInstructions(b, list);
        });
        return Checked.ok(new Edited(deleted, Optional.empty()));
    }

    private static Checked<Edited> moveRun(Workflow workflow, MoveRun move) {
        Run run = move.run();
        if (!exists(workflow, run.first()) || !exists(workflow, run.last())) {
            return Checked.fail(noPosition(exists(workflow, run.first()) ? run.last() : run.first()));
        }
        List<Instruction> moved = run.positions().stream().map(p -> workflow.instruction(p).orThrow()).toList();
        Optional<Position> to = afterRemoval(run, move.to());
        if (to.isEmpty()) {
            return Checked.fail(Problem.of("MoveIntoItself", "The instructions at " + run + " cannot be moved into their own blocks"));
        }
        return deleteRun(workflow, run).flatMap(d -> insertRun(d.workflow(), new InsertRun(to.get(), moved, Map.of())));
    }

    private static Checked<Edited> replace(Workflow workflow, Replace replace) {
        if (!exists(workflow, replace.at())) {
            return Checked.fail(noPosition(replace.at()));
        }
        Workflow replaced = Blocks.updateBlock(workflow, replace.at().branchPath(),
                b -> Blocks.withInstruction(b, replace.at().nr(), replace.instruction()));
        return Checked.ok(new Edited(replaced, Optional.of(replace.at())));
    }

    private static Checked<Edited> move(Workflow workflow, Move move) {
        Position from = move.from();
        if (!exists(workflow, from)) {
            return Checked.fail(noPosition(from));
        }
        Instruction moved = workflow.instruction(from).orThrow();
        Optional<Position> to = afterRemoval(from, move.to());
        if (to.isEmpty()) {
            return Checked.fail(Problem.of("MoveIntoItself", "The instruction at " + from + " cannot be moved into its own block"));
        }
        return delete(workflow, from).flatMap(d -> insert(d.workflow(), new Insert(to.get(), moved, Map.of())));
    }

    /** Where an insertion point read before removing {@code removed} lies after it; empty if inside the removed one. */
    static Optional<Position> afterRemoval(Position removed, Position point) {
        return afterRemoval(new Run(removed, 1), point);
    }

    /** Where an insertion point read before removing the run lies after it; empty if inside one of its instructions. */
    static Optional<Position> afterRemoval(Run removed, Position point) {
        List<Position.Segment> base = removed.first().branchPath();
        int depth = base.size();
        int first = removed.first().nr();
        int count = removed.count();
        List<Position.Segment> path = point.branchPath();
        if (path.size() < depth || !path.subList(0, depth).equals(base)) {
            return Optional.of(point);
        }
        if (path.size() == depth) { // in the run's block: a point between the run's instructions is where the run was
            return Optional.of(point.withNr(point.nr() <= first ? point.nr() : Math.max(first, point.nr() - count)));
        }
        Position.Segment segment = path.get(depth);
        if (segment.nr() >= first && segment.nr() < first + count) {
            return Optional.empty();
        }
        if (segment.nr() < first) {
            return Optional.of(point);
        }
        List<Position.Segment> shifted = new ArrayList<>(path);
        shifted.set(depth, new Position.Segment(segment.nr() - count, segment.branchId()));
        return Optional.of(new Position(shifted, point.nr()));
    }

    private static Workflow putJob(Workflow workflow, JobName name, WorkflowJob job) {
        for (Position p : workflow.positions()) {
            if (p.nr() == 0) {
                Optional<Block> b = workflow.block(p.branchPath());
                if (b.isPresent() && b.get().jobs().containsKey(name)) {
                    return Blocks.updateBlock(workflow, p.branchPath(), block -> withJob(block, name, job));
                }
            }
        }
        return Blocks.updateBlock(workflow, List.of(), block -> withJob(block, name, job));
    }

    private static Block withJob(Block block, JobName name, WorkflowJob job) {
        Map<JobName, WorkflowJob> jobs = new LinkedHashMap<>(block.jobs());
        jobs.put(name, job);
        return new Block(block.instructions(), jobs, block.result());
    }

    private static boolean exists(Workflow workflow, Position at) {
        return workflow.block(at.branchPath()).filter(b -> at.nr() >= 0 && at.nr() < b.instructions().size()).isPresent();
    }

    private static Problem noPosition(Position at) {
        return Problem.of("UnknownPosition", "The workflow has no position " + at);
    }
}
