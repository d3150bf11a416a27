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

    enum Kind { INSERT, DELETE, MOVE, REPLACE, PUT_JOB, REPLACE_WORKFLOW, RENAME_JOB }

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
        };
    }

    private static Checked<Edited> insert(Workflow workflow, Insert insert) {
        Position at = insert.at();
        Optional<Block> block = workflow.block(at.branchPath());
        if (block.isEmpty() || at.nr() < 0 || at.nr() > block.get().instructions().size()) {
            return Checked.fail(noPosition(at));
        }
        Workflow inserted = Blocks.updateBlock(workflow, at.branchPath(), b -> {
            List<Instruction> list = new ArrayList<>(b.instructions());
            list.add(at.nr(), insert.instruction());
            return Blocks.withInstructions(b, list);
        });
        for (Map.Entry<JobName, WorkflowJob> job : new java.util.TreeMap<>(insert.jobs()).entrySet()) {
            inserted = putJob(inserted, job.getKey(), job.getValue());
        }
        return Checked.ok(new Edited(inserted, Optional.of(at)));
    }

    private static Checked<Edited> delete(Workflow workflow, Position at) {
        if (!exists(workflow, at)) {
            return Checked.fail(noPosition(at));
        }
        Workflow deleted = Blocks.updateBlock(workflow, at.branchPath(), b -> {
            List<Instruction> list = new ArrayList<>(b.instructions());
            list.remove(at.nr());
            return Blocks.withInstructions(b, list);
        });
        return Checked.ok(new Edited(deleted, Optional.empty()));
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
        List<Position.Segment> base = removed.branchPath();
        int depth = base.size();
        List<Position.Segment> path = point.branchPath();
        if (path.size() < depth || !path.subList(0, depth).equals(base)) {
            return Optional.of(point);
        }
        if (path.size() == depth) {
            return Optional.of(point.withNr(point.nr() > removed.nr() ? point.nr() - 1 : point.nr()));
        }
        Position.Segment segment = path.get(depth);
        if (segment.nr() == removed.nr()) {
            return Optional.empty();
        }
        if (segment.nr() < removed.nr()) {
            return Optional.of(point);
        }
        List<Position.Segment> shifted = new ArrayList<>(path);
        shifted.set(depth, new Position.Segment(segment.nr() - 1, segment.branchId()));
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
