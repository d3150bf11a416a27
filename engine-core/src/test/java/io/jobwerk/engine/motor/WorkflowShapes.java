package io.jobwerk.engine.motor;

import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.BoardPathExpression;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.OrderPreparation;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Workflow shapes for property tests of the motor: every instruction the motor executes, nested in
 * every block instruction, first or after a job, with jobs on two Agents that succeed, fail or
 * return a value. jqwik shrinks a failing shape towards fewer and flatter instructions.
 *
 * <p>Jobs: {@code ok} and {@code fails} (return code 1) on {@link #AGENT}, {@code ok2} on
 * {@link #AGENT2}, {@code rv} on AGENT returning {@code x=1}. {@code Retry} is generated only inside
 * a catch block, {@code Break} only inside a Cycle. AddOrder adds to {@link #ADDED}.
 */
final class WorkflowShapes {
    static final AgentPath AGENT = new AgentPath("AGENT");
    static final AgentPath AGENT2 = new AgentPath("AGENT2");
    static final LockPath LOCK = new LockPath("LOCK");
    static final BoardPath BOARD = new BoardPath("BOARD");
    static final WorkflowPath ADDED = new WorkflowPath("ADDED");

    private WorkflowShapes() {}

    /** Where an instruction is generated: what it may be. */
    record Context(int depth, boolean inCatch, boolean inCycle) {
        Context deeper() {
            return new Context(depth - 1, inCatch, inCycle);
        }

        Context catching() {
            return new Context(depth - 1, true, inCycle);
        }

        /** Where a Retry would retry another Try (without maxTries) or cross a fork: none is generated. */
        Context notCatching() {
            return new Context(depth - 1, false, inCycle);
        }

        Context cycling() {
            return new Context(depth - 1, inCatch, true);
        }
    }

    /** A generated workflow, shown as its instructions' JSON (what jqwik prints for a shrunk sample). */
    record Shape(Workflow workflow) {
        @Override
        public String toString() {
            return io.jobwerk.engine.json.InstructionJson.encodeBlock(new Block(workflow.block().instructions(), Map.of(),
                    Optional.empty())).toString();
        }
    }

    static Arbitrary<Shape> shapes() {
        return block(new Context(3, false, false), 1, 4).map(b -> new Shape(workflow("SHAPE", b)));
    }

    static Workflow workflow(String path, Block body) {
        Map<JobName, WorkflowJob> jobs = new LinkedHashMap<>();
        jobs.put(new JobName("ok"), WorkflowJob.of(AGENT, Executable.ShellScript.of("exit 0")));
        jobs.put(new JobName("fails"), WorkflowJob.of(AGENT, Executable.ShellScript.of("exit 1")));
        jobs.put(new JobName("ok2"), WorkflowJob.of(AGENT2, Executable.ShellScript.of("exit 0")));
        jobs.put(new JobName("rv"), WorkflowJob.of(AGENT, Executable.ShellScript.of("echo x=1 >>\"$JS7_RETURN_VALUES\"")));
        return Workflow.checked(new Workflow(WorkflowId.of(path, "v1"), OrderPreparation.DEFAULT, Workflow.DEFAULT_TIME_ZONE,
                List.of(), Optional.empty(), new Block(body.instructions(), jobs, Optional.empty()))).orThrow();
    }

    /** The outcome of each generated job, as a job runner would report it. */
    static Outcome outcome(String jobName) {
        return switch (jobName) {
            case "fails" -> Outcome.failed(1);
            case "rv" -> new Outcome.Succeeded(Map.of("x", Value.of("1"), "returnCode", Value.of(0)));
            default -> Outcome.succeeded(0);
        };
    }

    static Arbitrary<Block> block(Context ctx, int min, int max) {
        return instruction(ctx).list().ofMinSize(min).ofMaxSize(max).map(list -> Block.of(list.toArray(Instruction[]::new)));
    }

    static Arbitrary<Instruction> instruction(Context ctx) {
        if (ctx.depth() <= 0) {
            return leaf(ctx);
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, leaf(ctx)),
                net.jqwik.api.Tuple.of(1, ifInstruction(ctx)),
                net.jqwik.api.Tuple.of(1, tryInstruction(ctx)),
                net.jqwik.api.Tuple.of(1, fork(ctx)),
                net.jqwik.api.Tuple.of(1, forkList(ctx)),
                net.jqwik.api.Tuple.of(1, lock(ctx)),
                net.jqwik.api.Tuple.of(1, cycle(ctx)),
                net.jqwik.api.Tuple.of(1, options(ctx)),
                net.jqwik.api.Tuple.of(1, sticky(ctx)));
    }

    private static Arbitrary<Instruction> leaf(Context ctx) {
        Arbitrary<Instruction> jobs = Arbitraries.of("ok", "ok", "fails", "ok2", "rv").map(n -> Instruction.ExecuteNamed.of(n));
        Arbitrary<Instruction> others = Arbitraries.of(
                new Instruction.Fail(Optional.empty(), Optional.of(Expr.of("'FAIL'")), Map.of(), false),
                new Instruction.Fail(Optional.empty(), Optional.of(Expr.of("'UNCATCHABLE'")), Map.of(), true),
                new Instruction.Finish(Optional.empty(), Optional.empty()),
                new Instruction.Finish(Optional.empty(), Optional.of(new Outcome.Failed(Optional.of("FINISH"), Map.of(), false))),
                new Instruction.Sleep(Optional.empty(), Expr.of("1")),
                new Instruction.Sleep(Optional.empty(), Expr.of("0")),
                new Instruction.Prompt(Optional.empty(), Expr.of("'QUESTION'")),
                new Instruction.PostNotices(Optional.empty(), List.of(BOARD)),
                new Instruction.ExpectNotices(Optional.empty(), BoardPathExpression.of("'BOARD'"), Instruction.WhenNotAnnounced.Wait),
                new Instruction.ExpectNotices(Optional.empty(), BoardPathExpression.of("'BOARD'"), Instruction.WhenNotAnnounced.DontWait),
                new Instruction.AddOrder(Optional.empty(), Expr.of("'added-' ++ replaceAll($js7OrderId, '[|]', '_')"), ADDED,
                        Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), List.of(), true, false),
                new Instruction.Stop(Optional.empty()));
        Arbitrary<Instruction> retry = Arbitraries.just(new Instruction.Retry(Optional.empty()));
        Arbitrary<Instruction> breakCycle = Arbitraries.just(new Instruction.Break(Optional.empty()));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, jobs),
                net.jqwik.api.Tuple.of(4, others),
                net.jqwik.api.Tuple.of(ctx.inCatch() ? 2 : 0, retry),
                net.jqwik.api.Tuple.of(ctx.inCycle() ? 1 : 0, breakCycle));
    }

    private static Arbitrary<Instruction> ifInstruction(Context ctx) {
        Arbitrary<String> predicate = Arbitraries.of("true", "false", "$returnCode == 0", "$x == '1'");
        return Combinators.combine(predicate, block(ctx.deeper(), 1, 2), block(ctx.deeper(), 0, 2).optional(0.5))
                .as((p, then, otherwise) -> new Instruction.If(Optional.empty(), List.of(new Instruction.IfThen(Expr.of(p), then)),
                        otherwise.filter(b -> !b.instructions().isEmpty())));
    }

    private static Arbitrary<Instruction> tryInstruction(Context ctx) {
        // Retry only where maxTries ends it (without, a job that always fails retries for ever, as in JS7)
        Arbitrary<Instruction> plain = Combinators.combine(block(ctx.deeper(), 1, 3), block(ctx.notCatching(), 0, 2))
                .as((t, c) -> Instruction.Try.of(t, c));
        Arbitrary<Instruction> retrying = Combinators.combine(block(ctx.deeper(), 1, 3), block(ctx.catching(), 0, 2),
                Arbitraries.of(2, 3)).as((t, c, tries) -> new Instruction.Try(Optional.empty(), t, c,
                        Optional.of(List.of(BigDecimal.ZERO)), Optional.of(tries)));
        return Arbitraries.oneOf(plain, retrying);
    }

    private static Arbitrary<Instruction> fork(Context ctx) {
        Arbitrary<Block> branch = block(ctx.notCatching(), 0, 3);
        return Combinators.combine(branch.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(false, true))
                .as((branches, joinIfFailed) -> {
                    List<Instruction.ForkBranch> list = new java.util.ArrayList<>();
                    for (int i = 0; i < branches.size(); i++) {
                        list.add(new Instruction.ForkBranch(String.valueOf((char) ('A' + i)), branches.get(i)));
                    }
                    return new Instruction.Fork(Optional.empty(), list, Optional.empty(), joinIfFailed);
                });
    }

    private static Arbitrary<Instruction> forkList(Context ctx) {
        Arbitrary<String> children = Arbitraries.of("[]", "[ 'a' ]", "[ 'a', 'b' ]");
        return Combinators.combine(children, block(ctx.notCatching(), 1, 3), Arbitraries.of(false, true))
                .as((c, b, joinIfFailed) -> new Instruction.ForkList(Optional.empty(), Expr.of(c), Expr.of("(x) => $x"),
                        Optional.empty(), b, Optional.empty(), joinIfFailed));
    }

    private static Arbitrary<Instruction> lock(Context ctx) {
        return block(ctx.deeper(), 1, 3).map(b -> new Instruction.Lock(Optional.empty(),
                List.of(new Instruction.LockDemand(LOCK, Optional.empty())), b));
    }

    private static Arbitrary<Instruction> cycle(Context ctx) {
        AdmissionTimeScheme always = new AdmissionTimeScheme(List.of(new AdmissionPeriod.DailyPeriod(0, Duration.ofHours(24))));
        Schedule twice = new Schedule(List.of(new Schedule.Scheme(always, new Schedule.Continuous(Duration.ofSeconds(1), Optional.of(2)))));
        return block(ctx.cycling(), 1, 3).map(b -> new Instruction.Cycle(Optional.empty(), twice, b, true));
    }

    private static Arbitrary<Instruction> options(Context ctx) {
        return Combinators.combine(Arbitraries.of(true, false), block(ctx.deeper(), 1, 3))
                .as((stop, b) -> new Instruction.Options(Optional.empty(), Optional.of(stop), b));
    }

    private static Arbitrary<Instruction> sticky(Context ctx) {
        return block(ctx.deeper(), 1, 3).map(b -> new Instruction.StickySubagent(Optional.empty(), AGENT, Optional.empty(), b));
    }
}
