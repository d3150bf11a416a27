package io.jobwerk.cockpit.designer.model;

import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything wrong with a workflow being designed, all at once and each where it is (unlike
 * {@link Workflow#checked}, which stops at the first): Execute instructions naming no declared job,
 * labels used twice, Retry outside a catch block, Break outside a Cycle, a Fork without branches,
 * jobs without a script or class, and whatever the JSON codec would refuse on deployment.
 * Expressions cannot be wrong here: an {@code Expr} is parsed when the operator types it.
 */
public final class DesignValidation {
    private DesignValidation() {}

    /** A problem, at an instruction's position or of a named job (or of the whole workflow: both empty). */
    public record DesignProblem(Optional<Position> position, Optional<JobName> job, String message) {
        @Override
        public String toString() {
            return position.map(p -> p + ": ").or(() -> job.map(j -> "job " + j + ": ")).orElse("") + message;
        }
    }

    public static List<DesignProblem> validate(Workflow workflow) {
        List<DesignProblem> problems = new ArrayList<>();
        Map<Label, Position> labels = new HashMap<>();
        for (Position p : workflow.positions()) {
            Instruction instruction = workflow.instruction(p).orThrow();
            Optional<Position> at = Optional.of(p);
            instruction.label().ifPresent(label -> {
                Position previous = labels.putIfAbsent(label, p);
                if (previous != null) {
                    problems.add(new DesignProblem(at, Optional.empty(), "label '" + label + "' is also used at " + previous));
                }
            });
            switch (instruction.kind()) {
                case EXECUTE_NAMED -> {
                    JobName name = ((Instruction.ExecuteNamed) instruction).jobName();
                    if (workflow.job(p).isFail()) {
                        problems.add(new DesignProblem(at, Optional.empty(), "no job '" + name + "' is declared"));
                    }
                }
                case RETRY -> {
                    if (p.branchPath().stream().noneMatch(s -> s.branchId().isCatch())) {
                        problems.add(new DesignProblem(at, Optional.empty(), "Retry only works inside a catch block"));
                    }
                }
                case BREAK -> {
                    if (p.branchPath().stream().noneMatch(s -> s.branchId().isCycle())) {
                        problems.add(new DesignProblem(at, Optional.empty(), "Break only works inside a Cycle"));
                    }
                }
                case FORK -> {
                    if (((Instruction.Fork) instruction).forkBranches().isEmpty()) {
                        problems.add(new DesignProblem(at, Optional.empty(), "a Fork needs at least one branch"));
                    }
                }
                default -> { }
            }
        }
        for (Position p : workflow.positions()) {
            if (p.nr() == 0) {
                Block block = workflow.block(p.branchPath()).orElseThrow();
                block.jobs().forEach((name, job) -> jobProblem(job).ifPresent(
                        m -> problems.add(new DesignProblem(Optional.empty(), Optional.of(name), m))));
            }
        }
        if (problems.isEmpty()) {
            WorkflowJson.decode(WorkflowJson.encode(workflow)).problemOption().ifPresent(
                    problem -> problems.add(new DesignProblem(Optional.empty(), Optional.empty(), problem.message())));
        }
        return problems;
    }

    static Optional<String> jobProblem(WorkflowJob job) {
        Executable e = job.executable();
        if (e instanceof Executable.ShellScript s && s.script().isBlank()) {
            return Optional.of("the script is empty");
        }
        if (e instanceof Executable.PathExecutable p && p.path().isBlank()) {
            return Optional.of("the executable's path is empty");
        }
        if (e instanceof Executable.Internal i && i.className().isBlank()) {
            return Optional.of("the internal job's class name is empty");
        }
        return Optional.empty();
    }
}
