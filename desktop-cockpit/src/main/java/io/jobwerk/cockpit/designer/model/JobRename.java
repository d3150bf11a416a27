package io.jobwerk.cockpit.designer.model;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renames a named job: its declaration keeps its place (and the order of the jobs), and every
 * {@code Execute.Named} running it gets the new name, so the workflow means what it meant. Refused
 * when the job is not declared or another job (in any block) has the new name.
 */
public final class JobRename {
    private JobRename() {}

    static Checked<Workflow> rename(Workflow workflow, JobName from, JobName to) {
        if (from.equals(to)) {
            return Checked.ok(workflow);
        }
        List<Position> blocks = workflow.positions().stream().filter(p -> p.nr() == 0).toList();
        if (blocks.stream().noneMatch(p -> declares(workflow, p, from))) {
            return Checked.fail(Problem.of("UnknownJob", "The workflow has no job named '" + from + "'"));
        }
        if (blocks.stream().anyMatch(p -> declares(workflow, p, to))) {
            return Checked.fail(Problem.of("DuplicateJobName",
                    "A job named '" + to + "' exists already: choose another name for '" + from + "'"));
        }
        Workflow renamed = workflow;
        for (Position p : blocks) {
            if (declares(renamed, p, from)) {
                renamed = Blocks.updateBlock(renamed, p.branchPath(), b -> withJobRenamed(b, from, to));
            }
        }
        for (Position p : workflow.positions()) {
            Optional<Instruction> i = renamed.instruction(p).toOptional();
            if (i.isPresent() && i.get() instanceof Instruction.ExecuteNamed e && e.jobName().equals(from)) {
                Instruction runsRenamed = new Instruction.ExecuteNamed(e.label(), to, e.defaultArguments());
                renamed = Blocks.updateBlock(renamed, p.branchPath(), b -> Blocks.withInstruction(b, p.nr(), runsRenamed));
            }
        }
        return Checked.ok(renamed);
    }

    private static boolean declares(Workflow workflow, Position blockStart, JobName name) {
        return workflow.block(blockStart.branchPath()).map(b -> b.jobs().containsKey(name)).orElse(false);
    }

    private static Block withJobRenamed(Block block, JobName from, JobName to) {
        Map<JobName, WorkflowJob> jobs = new LinkedHashMap<>();
        block.jobs().forEach((name, job) -> jobs.put(name.equals(from) ? to : name, job));
        return new Block(block.instructions(), jobs, block.result());
    }
}
