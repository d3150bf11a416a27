package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Workflows of a given number of instructions, nested as operators nest them: jobs, Ifs, Forks and Try/Retry. */
public final class LargeWorkflows {
    private LargeWorkflows() {}

    /** About {@code n} instructions (counting nested ones): groups of a job, an If with two jobs, a Fork of two jobs, a Try with a job and a Retry. */
    public static Workflow of(int n) {
        List<Instruction> top = new ArrayList<>();
        int count = 0;
        Instruction job = Instruction.ExecuteNamed.of("job");
        Optional<io.jobwerk.engine.workflow.Label> none = Optional.empty();
        while (count < n) {
            top.add(job);
            top.add(new Instruction.If(none, List.of(new Instruction.IfThen(Expr.of("$returnCode == 0"), Block.of(job, job))), Optional.empty()));
            top.add(new Instruction.Fork(none, List.of(new Instruction.ForkBranch("a", Block.of(job)),
                    new Instruction.ForkBranch("b", Block.of(job))), Optional.empty(), false));
            top.add(new Instruction.Try(none, Block.of(job), Block.of(new Instruction.Retry(none)),
                    Optional.of(List.of(BigDecimal.ONE)), Optional.of(2)));
            count += 1 + 3 + 3 + 3;
        }
        return Workflow.of(WorkflowId.of("large", "1"), top,
                Map.of(new JobName("job"), WorkflowJob.of(new AgentPath("agent"), Executable.ShellScript.of("exit 0"))));
    }

    public static int size(Workflow w) {
        return (int) w.positions().stream().filter(p -> w.instruction(p).orThrow().kind() != Instruction.Kind.IMPLICIT_END).count();
    }

    static Position somewhereInTheMiddle(Workflow w) {
        return Position.of(w.instructions().size() / 2);
    }
}
