package io.jobwerk.engine.workflow;

import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The instructions of a workflow, each with the JSON {@code TYPE} JS7 gives it. Every instruction may
 * carry a {@link Label}. Instructions with nested blocks name them by {@link BranchId}.
 */
public sealed interface Instruction {

    enum Kind {
        EXECUTE_NAMED, EXECUTE_ANONYMOUS, IF, FORK, FORK_LIST, TRY, RETRY, LOCK, PROMPT, FINISH, FAIL,
        POST_NOTICES, EXPECT_NOTICES, CONSUME_NOTICES, CYCLE, BREAK, ADD_ORDER, STICKY_SUBAGENT, OPTIONS,
        SLEEP, ADMISSION_TIME, STOP, END, IMPLICIT_END
    }

    Kind kind();

    Optional<Label> label();

    /** The nested blocks, by branch id (for a Try, the plain {@code try}/{@code catch} names are used with retry 0). */
    default List<Branch> branches() {
        return List.of();
    }

    /** A nested block with its id. */
    record Branch(BranchId id, Block block) {}

    /** The block for a branch id as it appears in a position (e.g. {@code try+3} finds the try block). */
    default Optional<Block> block(BranchId branchId) {
        for (Branch b : branches()) {
            if (b.id().equals(branchId)) {
                return Optional.of(b.block());
            }
        }
        return Optional.empty();
    }

    /** {@code Execute.Named}: runs the job of that name, found in the innermost enclosing {@code jobs} map. */
    record ExecuteNamed(Optional<Label> label, JobName jobName, Map<String, Expr> defaultArguments) implements Instruction {
        public ExecuteNamed {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(jobName, "jobName");
            defaultArguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(defaultArguments));  // keeps JSON order
        }

        public static ExecuteNamed of(String jobName) {
            return new ExecuteNamed(Optional.empty(), new JobName(jobName), Map.of());
        }

        @Override
        public Kind kind() {
            return Kind.EXECUTE_NAMED;
        }
    }

    /** {@code Execute.Anonymous}: runs the inline job. */
    record ExecuteAnonymous(Optional<Label> label, WorkflowJob job, Map<String, Expr> defaultArguments) implements Instruction {
        public ExecuteAnonymous {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(job, "job");
            defaultArguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(defaultArguments));  // keeps JSON order
        }

        public static ExecuteAnonymous of(WorkflowJob job) {
            return new ExecuteAnonymous(Optional.empty(), job, Map.of());
        }

        @Override
        public Kind kind() {
            return Kind.EXECUTE_ANONYMOUS;
        }
    }

    /** One predicate and its block of an {@link If}. */
    record IfThen(Expr predicate, Block then) {
        public IfThen {
            Objects.requireNonNull(predicate, "predicate");
            Objects.requireNonNull(then, "then");
        }
    }

    /** {@code If}: the block of the first predicate that holds, else the {@code else} block (or nothing). */
    record If(Optional<Label> label, List<IfThen> ifThens, Optional<Block> elseBlock) implements Instruction {
        public If {
            Objects.requireNonNull(label, "label");
            ifThens = List.copyOf(ifThens);
            if (ifThens.isEmpty()) {
                throw new IllegalArgumentException("If needs at least one predicate");
            }
            Objects.requireNonNull(elseBlock, "elseBlock");
        }

        @Override
        public Kind kind() {
            return Kind.IF;
        }

        @Override
        public List<Branch> branches() {
            List<Branch> list = new ArrayList<>();
            for (int i = 0; i < ifThens.size(); i++) {
                list.add(new Branch(BranchId.then(i), ifThens.get(i).then()));
            }
            elseBlock.ifPresent(b -> list.add(new Branch(BranchId.ELSE, b)));
            return list;
        }
    }

    /** A branch of a {@link Fork}: its id (also the suffix of the child's OrderId) and its block. */
    record ForkBranch(String id, Block workflow) {
        public ForkBranch {
            Objects.requireNonNull(id, "id");
            if (id.isEmpty() || id.indexOf('|') >= 0) {
                throw new IllegalArgumentException("Fork branch id must be non-empty and must not contain '|': '" + id + "'");
            }
            Objects.requireNonNull(workflow, "workflow");
        }
    }

    /** {@code Fork}: one child order per branch, running in parallel; the parent waits and joins them. */
    record Fork(Optional<Label> label, List<ForkBranch> forkBranches, Optional<AgentPath> agentPath, boolean joinIfFailed)
            implements Instruction {
        public Fork {
            Objects.requireNonNull(label, "label");
            forkBranches = List.copyOf(forkBranches);
            Objects.requireNonNull(agentPath, "agentPath");
            if (forkBranches.stream().map(ForkBranch::id).distinct().count() != forkBranches.size()) {
                throw new IllegalArgumentException("Fork branch ids must be unique");
            }
        }

        @Override
        public Kind kind() {
            return Kind.FORK;
        }

        @Override
        public List<Branch> branches() {
            return forkBranches.stream().map(b -> new Branch(BranchId.fork(b.id()), b.workflow())).toList();
        }
    }

    /** {@code ForkList}: one child order per element of {@code children}; ids and arguments come from the functions. */
    record ForkList(Optional<Label> label, Expr children, Expr childToId, Optional<Expr> childToArguments,
                    Block workflow, Optional<AgentPath> agentPath, boolean joinIfFailed) implements Instruction {
        public ForkList {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(children, "children");
            Objects.requireNonNull(childToId, "childToId");
            Objects.requireNonNull(childToArguments, "childToArguments");
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(agentPath, "agentPath");
        }

        @Override
        public Kind kind() {
            return Kind.FORK_LIST;
        }

        @Override
        public List<Branch> branches() {
            return List.of(new Branch(BranchId.FORK_LIST, workflow));
        }
    }

    /**
     * {@code Try}: runs {@code try}; a failure inside moves the order to {@code catch}. With
     * {@code retryDelays} (seconds; the last one repeats) and/or {@code maxTries}, a {@code Retry}
     * in the catch block starts the try block again.
     */
    record Try(Optional<Label> label, Block tryBlock, Block catchBlock, Optional<List<BigDecimal>> retryDelays,
               Optional<Integer> maxTries) implements Instruction {
        public Try {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(tryBlock, "tryBlock");
            Objects.requireNonNull(catchBlock, "catchBlock");
            retryDelays = retryDelays.map(List::copyOf);
            if (retryDelays.stream().flatMap(List::stream).anyMatch(d -> d.signum() < 0)) {
                throw new IllegalArgumentException("retryDelays must not be negative");
            }
            if (maxTries.isPresent() && maxTries.get() < 1) {
                throw new IllegalArgumentException("maxTries must be at least 1");
            }
        }

        public static Try of(Block tryBlock, Block catchBlock) {
            return new Try(Optional.empty(), tryBlock, catchBlock, Optional.empty(), Optional.empty());
        }

        @Override
        public Kind kind() {
            return Kind.TRY;
        }

        @Override
        public List<Branch> branches() {
            return List.of(new Branch(BranchId.tryBranch(0), tryBlock), new Branch(BranchId.catchBranch(0), catchBlock));
        }

        @Override
        public Optional<Block> block(BranchId branchId) {
            if (branchId.isTry()) {
                return Optional.of(tryBlock);
            }
            if (branchId.isCatch()) {
                return Optional.of(catchBlock);
            }
            return Optional.empty();
        }

        /** The delay before retry number {@code retry} (1-based); the last delay repeats; none given = 0. */
        public BigDecimal retryDelay(int retry) {
            List<BigDecimal> delays = retryDelays.orElse(List.of());
            if (delays.isEmpty()) {
                return BigDecimal.ZERO;
            }
            return delays.get(Math.min(retry - 1, delays.size() - 1));
        }
    }

    /** {@code Retry}: only inside a catch block; starts the enclosing try block again after its delay. */
    record Retry(Optional<Label> label) implements Instruction {
        public Retry {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Kind kind() {
            return Kind.RETRY;
        }
    }

    /** A lock demand: exclusive when {@code count} is empty, otherwise a share of the lock's limit. */
    record LockDemand(LockPath lockPath, Optional<Integer> count) {
        public LockDemand {
            Objects.requireNonNull(lockPath, "lockPath");
            Objects.requireNonNull(count, "count");
            if (count.isPresent() && count.get() < 1) {
                throw new IllegalArgumentException("Lock count must be at least 1: " + count.get());
            }
        }
    }

    /** {@code Lock}: acquires all demanded locks at once, runs the block, releases them. */
    record Lock(Optional<Label> label, List<LockDemand> demands, Block lockedWorkflow) implements Instruction {
        public Lock {
            Objects.requireNonNull(label, "label");
            demands = List.copyOf(demands);
            if (demands.isEmpty()) {
                throw new IllegalArgumentException("Lock needs at least one demand");
            }
            if (demands.stream().map(LockDemand::lockPath).distinct().count() != demands.size()) {
                throw new IllegalArgumentException("Lock demands the same lock more than once");
            }
            Objects.requireNonNull(lockedWorkflow, "lockedWorkflow");
        }

        @Override
        public Kind kind() {
            return Kind.LOCK;
        }

        @Override
        public List<Branch> branches() {
            return List.of(new Branch(BranchId.LOCK, lockedWorkflow));
        }
    }

    /** {@code Prompt}: the order waits (Prompting) until an operator answers. */
    record Prompt(Optional<Label> label, Expr question) implements Instruction {
        public Prompt {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(question, "question");
        }

        @Override
        public Kind kind() {
            return Kind.PROMPT;
        }
    }

    /** {@code Finish}: ends the order now, optionally with a (failed) outcome. */
    record Finish(Optional<Label> label, Optional<Outcome.Completed> outcome) implements Instruction {
        public Finish {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public Kind kind() {
            return Kind.FINISH;
        }
    }

    /** {@code Fail}: fails the order; {@code uncatchable} skips enclosing try blocks. */
    record Fail(Optional<Label> label, Optional<Expr> message, Map<String, Value> namedValues, boolean uncatchable)
            implements Instruction {
        public Fail {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(message, "message");
            namedValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namedValues));
        }

        @Override
        public Kind kind() {
            return Kind.FAIL;
        }
    }

    /** {@code PostNotices}: posts a notice to each board and goes on. */
    record PostNotices(Optional<Label> label, List<BoardPath> boardPaths) implements Instruction {
        public PostNotices {
            Objects.requireNonNull(label, "label");
            boardPaths = List.copyOf(boardPaths);
            if (boardPaths.isEmpty()) {
                throw new IllegalArgumentException("PostNotices needs at least one board");
            }
        }

        @Override
        public Kind kind() {
            return Kind.POST_NOTICES;
        }
    }

    /** What an order does when an expected notice has not been announced (JS7 {@code whenNotAnnounced}). */
    enum WhenNotAnnounced { Wait, DontWait, SkipWhenNoNotice }

    /** {@code ExpectNotices}: waits until the boards' notices fulfil the expression. */
    record ExpectNotices(Optional<Label> label, BoardPathExpression boardPaths, WhenNotAnnounced whenNotAnnounced)
            implements Instruction {
        public ExpectNotices {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(boardPaths, "boardPaths");
            Objects.requireNonNull(whenNotAnnounced, "whenNotAnnounced");
        }

        @Override
        public Kind kind() {
            return Kind.EXPECT_NOTICES;
        }
    }

    /** {@code ConsumeNotices}: like ExpectNotices, then runs the block and deletes the consumed notices. */
    record ConsumeNotices(Optional<Label> label, BoardPathExpression boardPaths, WhenNotAnnounced whenNotAnnounced,
                          Block subworkflow) implements Instruction {
        public ConsumeNotices {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(boardPaths, "boardPaths");
            Objects.requireNonNull(whenNotAnnounced, "whenNotAnnounced");
            Objects.requireNonNull(subworkflow, "subworkflow");
        }

        @Override
        public Kind kind() {
            return Kind.CONSUME_NOTICES;
        }

        @Override
        public List<Branch> branches() {
            return List.of(new Branch(BranchId.CONSUME_NOTICES, subworkflow));
        }
    }

    /** {@code Cycle}: repeats the block as the schedule says. */
    record Cycle(Optional<Label> label, Schedule schedule, Block cycleWorkflow, boolean onlyOnePeriod) implements Instruction {
        public Cycle {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(cycleWorkflow, "cycleWorkflow");
        }

        @Override
        public Kind kind() {
            return Kind.CYCLE;
        }

        @Override
        public List<Branch> branches() {
            return List.of(new Branch(BranchId.CYCLE, cycleWorkflow));
        }

        @Override
        public Optional<Block> block(BranchId branchId) {
            return branchId.isCycle() ? Optional.of(cycleWorkflow) : Optional.empty();
        }
    }

    /** {@code Break}: leaves the innermost Cycle. */
    record Break(Optional<Label> label) implements Instruction {
        public Break {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Kind kind() {
            return Kind.BREAK;
        }
    }

    /** {@code AddOrder}: adds an independent order to another workflow and goes on. */
    record AddOrder(Optional<Label> label, Expr orderId, WorkflowPath workflowPath, Optional<Expr> planId,
                    Map<String, Expr> arguments, Optional<List<Position.Segment>> innerBlock,
                    Optional<Position> startPosition, List<PositionOrLabel> stopPositions,
                    boolean deleteWhenTerminated, boolean forceAdmission) implements Instruction {
        public AddOrder {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(workflowPath, "workflowPath");
            Objects.requireNonNull(planId, "planId");
            arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
            innerBlock = innerBlock.map(List::copyOf);
            Objects.requireNonNull(startPosition, "startPosition");
            stopPositions = List.copyOf(stopPositions);
        }

        @Override
        public Kind kind() {
            return Kind.ADD_ORDER;
        }
    }

    /** {@code StickySubagent}: all jobs in the block run on the Subagent chosen for the first of them. */
    record StickySubagent(Optional<Label> label, AgentPath agentPath, Optional<Expr> subagentBundleIdExpr, Block subworkflow)
            implements Instruction {
        public StickySubagent {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(agentPath, "agentPath");
            Objects.requireNonNull(subagentBundleIdExpr, "subagentBundleIdExpr");
            Objects.requireNonNull(subworkflow, "subworkflow");
        }

        @Override
        public Kind kind() {
            return Kind.STICKY_SUBAGENT;
        }

        @Override
        public List<Branch> branches() {
            return List.of(new Branch(BranchId.STICKY_SUBAGENT, subworkflow));
        }
    }

    /** {@code Options}: block options; {@code stopOnFailure} stops a failing order at the failed instruction. */
    record Options(Optional<Label> label, Optional<Boolean> stopOnFailure, Block block) implements Instruction {
        public Options {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(stopOnFailure, "stopOnFailure");
            Objects.requireNonNull(block, "block");
        }

        @Override
        public Kind kind() {
            return Kind.OPTIONS;
        }

        @Override
        public List<Branch> branches() {
            return List.of(new Branch(BranchId.OPTIONS, block));
        }
    }

    /** {@code Sleep}: the order waits {@code duration} seconds (an expression; decimals allowed). */
    record Sleep(Optional<Label> label, Expr duration) implements Instruction {
        public Sleep {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public Kind kind() {
            return Kind.SLEEP;
        }
    }

    /** {@code AdmissionTime}: the block may only be entered during the scheme's periods. */
    record AdmissionTime(Optional<Label> label, AdmissionTimeScheme admissionTimeScheme,
                         boolean skipIfNoAdmissionStartForOrderDay, Block block) implements Instruction {
        public AdmissionTime {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(admissionTimeScheme, "admissionTimeScheme");
            Objects.requireNonNull(block, "block");
        }

        @Override
        public Kind kind() {
            return Kind.ADMISSION_TIME;
        }

        @Override
        public List<Branch> branches() {
            return List.of(new Branch(BranchId.ADMISSION_TIME, block));
        }
    }

    /** {@code Stop}: the order stops here (state Stopped) until an operator resumes it. */
    record Stop(Optional<Label> label) implements Instruction {
        public Stop {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Kind kind() {
            return Kind.STOP;
        }
    }

    /** {@code End}: ends the current block like its implicit end. */
    record End(Optional<Label> label) implements Instruction {
        public End {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Kind kind() {
            return Kind.END;
        }
    }

    /** The end every block has after its last instruction; never in JSON. */
    record ImplicitEnd(Optional<Label> label) implements Instruction {
        public static final ImplicitEnd INSTANCE = new ImplicitEnd(Optional.empty());

        @Override
        public Kind kind() {
            return Kind.IMPLICIT_END;
        }
    }
}
