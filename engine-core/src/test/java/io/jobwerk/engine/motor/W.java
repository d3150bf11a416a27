package io.jobwerk.engine.motor;

import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.OrderPreparation;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Short workflow builders for motor tests; every named job runs on AGENT unless declared otherwise. */
final class W {
    static final AgentPath AGENT = new AgentPath("AGENT");

    private W() {}

    static Workflow workflow(String path, Instruction... instructions) {
        return workflow(path, Workflow.DEFAULT_TIME_ZONE, Map.of(), instructions);
    }

    static Workflow workflow(String path, ZoneId zone, Map<String, WorkflowJob> declared, Instruction... instructions) {
        Workflow raw = new Workflow(WorkflowId.of(path, "v1"), OrderPreparation.DEFAULT, zone, List.of(), Optional.empty(),
                new Block(List.of(instructions), Map.of(), Optional.empty()));
        Map<JobName, WorkflowJob> jobs = new LinkedHashMap<>();
        for (Position p : raw.positions()) {
            if (raw.instruction(p).orThrow() instanceof Instruction.ExecuteNamed named) {
                WorkflowJob job = declared.getOrDefault(named.jobName().string(), job(AGENT));
                jobs.put(named.jobName(), job);
            }
        }
        return Workflow.checked(new Workflow(raw.id(), raw.orderPreparation(), zone, List.of(), Optional.empty(),
                new Block(List.of(instructions), jobs, Optional.empty()))).orThrow();
    }

    static WorkflowJob job(AgentPath agent) {
        return WorkflowJob.of(agent, Executable.ShellScript.of("exit 0"));
    }

    static Instruction.ExecuteNamed execute(String job) {
        return Instruction.ExecuteNamed.of(job);
    }

    static Instruction.ExecuteNamed execute(String label, String job) {
        return new Instruction.ExecuteNamed(Optional.of(new Label(label)), new JobName(job), Map.of());
    }

    static Block block(Instruction... instructions) {
        return Block.of(instructions);
    }

    static Instruction.If ifThen(String predicate, Block then) {
        return new Instruction.If(Optional.empty(), List.of(new Instruction.IfThen(Expr.of(predicate), then)), Optional.empty());
    }

    static Instruction.If ifThenElse(String predicate, Block then, Block otherwise) {
        return new Instruction.If(Optional.empty(), List.of(new Instruction.IfThen(Expr.of(predicate), then)), Optional.of(otherwise));
    }

    static Instruction.Try tryCatch(Block tryBlock, Block catchBlock) {
        return Instruction.Try.of(tryBlock, catchBlock);
    }

    static Instruction.Lock lock(String lock, Optional<Integer> count, Block block) {
        return new Instruction.Lock(Optional.empty(), List.of(new Instruction.LockDemand(new LockPath(lock), count)), block);
    }

    static Instruction.Fail fail(String message, boolean uncatchable) {
        return new Instruction.Fail(Optional.empty(), Optional.of(Expr.of(message)), Map.of(), uncatchable);
    }

    static Expr expr(String s) {
        return Expr.of(s);
    }
}
