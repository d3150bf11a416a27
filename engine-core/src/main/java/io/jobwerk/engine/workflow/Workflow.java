package io.jobwerk.engine.workflow;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.path.CalendarPath;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.value.expression.Expr;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployed workflow version: its instructions (the top-level {@link Block}), declared order
 * parameters, time zone, job resources and calendar. Navigation by {@link Position} is here.
 * Construct through {@link #checked} to have references (jobs, labels, Retry/Break placement) verified.
 */
public record Workflow(
        WorkflowId id,
        OrderPreparation orderPreparation,
        ZoneId timeZone,
        List<JobResourcePath> jobResourcePaths,
        Optional<CalendarPath> calendarPath,
        Block block) {

    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    public Workflow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderPreparation, "orderPreparation");
        Objects.requireNonNull(timeZone, "timeZone");
        jobResourcePaths = List.copyOf(jobResourcePaths);
        Objects.requireNonNull(calendarPath, "calendarPath");
        Objects.requireNonNull(block, "block");
    }

    /** A workflow of these instructions and jobs, with defaults for everything else, checked. */
    public static Workflow of(WorkflowId id, List<Instruction> instructions, Map<JobName, WorkflowJob> jobs) {
        return checked(new Workflow(id, OrderPreparation.DEFAULT, DEFAULT_TIME_ZONE, List.of(), Optional.empty(),
                new Block(instructions, jobs, Optional.empty()))).orThrow();
    }

    public static Workflow of(WorkflowId id, Instruction... instructions) {
        return of(id, List.of(instructions), Map.of());
    }

    public WorkflowPath path() {
        return id.path();
    }

    public List<Instruction> instructions() {
        return block.instructions();
    }

    public Map<JobName, WorkflowJob> jobs() {
        return block.jobs();
    }

    public Optional<Map<String, Expr>> result() {
        return block.result();
    }

    public Workflow withId(WorkflowId id) {
        return new Workflow(id, orderPreparation, timeZone, jobResourcePaths, calendarPath, block);
    }

    /** The block a branch path leads to. */
    public Optional<Block> block(List<Position.Segment> branchPath) {
        Block current = block;
        for (Position.Segment segment : branchPath) {
            if (segment.nr() >= current.instructions().size()) {
                return Optional.empty();
            }
            Optional<Block> next = current.instructions().get(segment.nr()).block(segment.branchId());
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    /** The instruction at a position; {@link Instruction.ImplicitEnd} at the end of a block. */
    public Checked<Instruction> instruction(Position position) {
        Optional<Block> b = block(position.branchPath());
        if (b.isEmpty() || position.nr() > b.get().instructions().size()) {
            return Checked.fail(Problem.of("UnknownPosition", "Workflow " + id + " has no position " + position,
                    Map.of("position", position.toString())));
        }
        return Checked.ok(b.get().instruction(position.nr()));
    }

    /** Whether the position exists (an instruction or a block's implicit end). */
    public boolean isDefinedAt(Position position) {
        return instruction(position).isOk();
    }

    /**
     * The job an {@code Execute} instruction at {@code position} runs: inline, or looked up by name
     * from the innermost block outwards.
     */
    public Checked<WorkflowJob> job(Position position) {
        return instruction(position).flatMap(instruction -> {
            if (instruction instanceof Instruction.ExecuteAnonymous anonymous) {
                return Checked.ok(anonymous.job());
            }
            if (instruction instanceof Instruction.ExecuteNamed named) {
                return namedJob(position.branchPath(), named.jobName());
            }
            return Checked.fail(Problem.of("NoJob", "No Execute instruction at " + position + " of " + id));
        });
    }

    private Checked<WorkflowJob> namedJob(List<Position.Segment> branchPath, JobName name) {
        for (int n = branchPath.size(); n >= 0; n--) {
            Optional<Block> b = block(branchPath.subList(0, n));
            if (b.isPresent() && b.get().jobs().containsKey(name)) {
                return Checked.ok(b.get().jobs().get(name));
            }
        }
        return Checked.fail(Problem.of("UnknownJob", "Workflow " + id + " has no job '" + name + "'",
                Map.of("jobName", name.string())));
    }

    /** The name of the job an Execute.Named at {@code position} runs; empty for anonymous jobs. */
    public Optional<JobName> jobName(Position position) {
        return instruction(position).toOptional()
                .filter(i -> i instanceof Instruction.ExecuteNamed)
                .map(i -> ((Instruction.ExecuteNamed) i).jobName());
    }

    /** The position of the instruction with this label. */
    public Checked<Position> labelToPosition(Label label) {
        for (Position p : positions()) {
            Optional<Label> l = instruction(p).orThrow().label();
            if (l.isPresent() && l.get().equals(label)) {
                return Checked.ok(p);
            }
        }
        return Checked.fail(Problem.of("UnknownLabel", "Workflow " + id + " has no label '" + label + "'",
                Map.of("label", label.string())));
    }

    public Checked<Position> resolve(PositionOrLabel positionOrLabel) {
        if (positionOrLabel instanceof PositionOrLabel.AtLabel atLabel) {
            return labelToPosition(atLabel.label());
        }
        Position p = ((PositionOrLabel.AtPosition) positionOrLabel).position();
        return isDefinedAt(p) ? Checked.ok(p)
                : Checked.fail(Problem.of("UnknownPosition", "Workflow " + id + " has no position " + p));
    }

    /** Every position of the workflow in document order, implicit ends included (branches with retry 0). */
    public List<Position> positions() {
        List<Position> list = new ArrayList<>();
        collectPositions(List.of(), block, list);
        return list;
    }

    private static void collectPositions(List<Position.Segment> path, Block block, List<Position> out) {
        for (int nr = 0; nr <= block.instructions().size(); nr++) {
            Position p = new Position(path, nr);
            out.add(p);
            if (nr < block.instructions().size()) {
                for (Instruction.Branch branch : block.instructions().get(nr).branches()) {
                    List<Position.Segment> inner = new ArrayList<>(path);
                    inner.add(new Position.Segment(nr, branch.id()));
                    collectPositions(inner, branch.block(), out);
                }
            }
        }
    }

    /** The label of the instruction at this position, if any. */
    public Optional<Label> label(Position position) {
        return instruction(position).toOptional().flatMap(Instruction::label);
    }

    /**
     * Verifies what the JSON shape cannot: every named job exists, labels are unique, {@code Retry}
     * only inside a catch block, {@code Break} only inside a Cycle.
     */
    public static Checked<Workflow> checked(Workflow workflow) {
        Map<Label, Position> labels = new HashMap<>();
        for (Position p : workflow.positions()) {
            Instruction instruction = workflow.instruction(p).orThrow();
            if (instruction.label().isPresent()) {
                Position previous = labels.put(instruction.label().get(), p);
                if (previous != null) {
                    return Checked.fail(Problem.of("DuplicateLabel", "Workflow " + workflow.id() + ": label '"
                            + instruction.label().get() + "' is used at " + previous + " and " + p));
                }
            }
            if (instruction instanceof Instruction.ExecuteNamed named) {
                Checked<WorkflowJob> job = workflow.namedJob(p.branchPath(), named.jobName());
                if (job.isFail()) {
                    return Checked.fail(job.problemOption().orElseThrow().withPrefix("At " + p));
                }
            }
            if (instruction instanceof Instruction.Retry
                    && p.branchPath().stream().noneMatch(s -> s.branchId().isCatch())) {
                return Checked.fail(Problem.of("MisplacedRetry",
                        "Workflow " + workflow.id() + ": Retry at " + p + " is not inside a catch block"));
            }
            if (instruction instanceof Instruction.Break
                    && p.branchPath().stream().noneMatch(s -> s.branchId().isCycle())) {
                return Checked.fail(Problem.of("MisplacedBreak",
                        "Workflow " + workflow.id() + ": Break at " + p + " is not inside a Cycle"));
            }
        }
        return Checked.ok(workflow);
    }

    /** All jobs of the workflow by position of their Execute instruction. */
    public Map<Position, WorkflowJob> positionToJob() {
        Map<Position, WorkflowJob> map = new LinkedHashMap<>();
        for (Position p : positions()) {
            job(p).toOptional().ifPresent(j -> map.put(p, j));
        }
        return map;
    }
}
