package io.jobwerk.cockpit.designer.model;

import io.jobwerk.engine.base.Names;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.BoardPathExpression;
import io.jobwerk.engine.workflow.Instruction.Kind;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the palette drops: a new instruction of each kind with sensible defaults (an If on the
 * last return code, a Fork with two branches, a Try with a Retry in its catch block, a job with a
 * fresh name on the workflow's Agent), as an {@link WorkflowEdit.Insert} at an insertion point.
 */
public final class InstructionTemplates {
    private InstructionTemplates() {}

    /** The kinds the palette offers, in its order (every instruction an operator can write). */
    public static final List<Kind> PALETTE = List.of(
            Kind.EXECUTE_NAMED, Kind.IF, Kind.FORK, Kind.FORK_LIST, Kind.TRY, Kind.RETRY, Kind.LOCK, Kind.CYCLE,
            Kind.BREAK, Kind.PROMPT, Kind.SLEEP, Kind.POST_NOTICES, Kind.EXPECT_NOTICES, Kind.CONSUME_NOTICES,
            Kind.ADD_ORDER, Kind.STICKY_SUBAGENT, Kind.OPTIONS, Kind.ADMISSION_TIME, Kind.FINISH, Kind.FAIL,
            Kind.STOP, Kind.END);

    public static String name(Kind kind) {
        return switch (kind) {
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS -> "Job";
            case FORK_LIST -> "ForkList";
            default -> Names.camelCase(kind.name());
        };
    }

    /** The edit that inserts a new instruction of this kind at {@code at}. */
    public static WorkflowEdit.Insert insert(Kind kind, Workflow workflow, Position at) {
        if (kind == Kind.EXECUTE_NAMED || kind == Kind.EXECUTE_ANONYMOUS) {
            JobName name = freshJobName(workflow);
            WorkflowJob job = WorkflowJob.of(defaultAgent(workflow), Executable.ShellScript.of("#!/bin/sh\necho hello\n"));
            return new WorkflowEdit.Insert(at, new Instruction.ExecuteNamed(Optional.empty(), name, Map.of()), Map.of(name, job));
        }
        return new WorkflowEdit.Insert(at, create(kind, workflow), Map.of());
    }

    static Instruction create(Kind kind, Workflow workflow) {
        Optional<io.jobwerk.engine.workflow.Label> none = Optional.empty();
        AdmissionTimeScheme always = new AdmissionTimeScheme(List.of(new AdmissionPeriod.DailyPeriod(0, Duration.ofDays(1))));
        return switch (kind) {
            case IF -> new Instruction.If(none, List.of(new Instruction.IfThen(Expr.of("$returnCode == 0"), Block.EMPTY)), Optional.empty());
            case FORK -> new Instruction.Fork(none, List.of(new Instruction.ForkBranch("A", Block.EMPTY),
                    new Instruction.ForkBranch("B", Block.EMPTY)), Optional.empty(), false);
            case FORK_LIST -> new Instruction.ForkList(none, Expr.of("$children"), Expr.of("(it) => $it.id"), Optional.empty(),
                    Block.EMPTY, Optional.empty(), false);
            case TRY -> new Instruction.Try(none, Block.EMPTY, Block.of(new Instruction.Retry(none)),
                    Optional.of(List.of(BigDecimal.valueOf(60))), Optional.of(3));
            case RETRY -> new Instruction.Retry(none);
            case LOCK -> new Instruction.Lock(none, List.of(new Instruction.LockDemand(new LockPath("LOCK"), Optional.empty())), Block.EMPTY);
            case CYCLE -> new Instruction.Cycle(none, new Schedule(List.of(new Schedule.Scheme(always,
                    new Schedule.Continuous(Duration.ofMinutes(1), Optional.of(3))))), Block.EMPTY, false);
            case BREAK -> new Instruction.Break(none);
            case PROMPT -> new Instruction.Prompt(none, Expr.of("'Go on?'"));
            case SLEEP -> new Instruction.Sleep(none, Expr.of("60"));
            case POST_NOTICES -> new Instruction.PostNotices(none, List.of(new BoardPath("BOARD")));
            case EXPECT_NOTICES -> new Instruction.ExpectNotices(none, BoardPathExpression.of("'BOARD'"), Instruction.WhenNotAnnounced.Wait);
            case CONSUME_NOTICES -> new Instruction.ConsumeNotices(none, BoardPathExpression.of("'BOARD'"),
                    Instruction.WhenNotAnnounced.Wait, Block.EMPTY);
            case ADD_ORDER -> new Instruction.AddOrder(none, Expr.of("'#' ++ now(format='yyyy-MM-dd', timezone='UTC') ++ '#T-added'"),
                    new WorkflowPath("OTHER-WORKFLOW"), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), List.of(), true, false);
            case STICKY_SUBAGENT -> new Instruction.StickySubagent(none, defaultAgent(workflow), Optional.empty(), Block.EMPTY);
            case OPTIONS -> new Instruction.Options(none, Optional.of(true), Block.EMPTY);
            case ADMISSION_TIME -> new Instruction.AdmissionTime(none, always, false, Block.EMPTY);
            case FINISH -> new Instruction.Finish(none, Optional.empty());
            case FAIL -> new Instruction.Fail(none, Optional.of(Expr.of("'failed'")), Map.of(), false);
            case STOP -> new Instruction.Stop(none);
            case END -> new Instruction.End(none);
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS, IMPLICIT_END ->
                    throw new IllegalArgumentException("No template for " + kind);
        };
    }

    /** {@code job}, {@code job-2}, … the first not declared anywhere in the workflow. */
    static JobName freshJobName(Workflow workflow) {
        java.util.Set<JobName> used = new java.util.HashSet<>();
        for (Position p : workflow.positions()) {
            if (p.nr() == 0) {
                workflow.block(p.branchPath()).ifPresent(b -> used.addAll(b.jobs().keySet()));
            }
        }
        for (int n = 1; ; n++) {
            JobName name = new JobName(n == 1 ? "job" : "job-" + n);
            if (!used.contains(name)) {
                return name;
            }
        }
    }

    /** The Agent of the workflow's first job, else {@code agent}. */
    static AgentPath defaultAgent(Workflow workflow) {
        return workflow.positionToJob().values().stream().findFirst().map(WorkflowJob::agentPath)
                .or(() -> workflow.jobs().values().stream().findFirst().map(WorkflowJob::agentPath))
                .orElse(new AgentPath("agent"));
    }
}
