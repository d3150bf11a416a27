package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Collapses pure moves: from a position, the first position where something real happens. It
 * enters Try ({@code try+0}), Options and admitted AdmissionTime blocks, evaluates If, leaves
 * finished then/else/try/catch/options/admissionTime blocks and skips instructions whose label is
 * skipped. It stops at stop positions, breakpoints, the top-level end and ends of blocks that need an
 * event (fork, lock, cycle, consumeNotices, stickySubagent). An If whose predicate fails to evaluate
 * makes the move fail (as JS7: the order fails where it was, with a Disrupted outcome).
 */
final class Mover {
    private static final int MAX_STEPS = 10_000;

    private final MotorContext ctx;

    Mover(MotorContext ctx) {
        this.ctx = ctx;
    }

    Checked<Position> settle(Order order, Workflow workflow, Position from) {
        return settle(order, workflow, from, true);
    }

    /**
     * As JS7's anticipated moves after an instruction's events: the pure moves from the order's
     * position (If, Try, leaving finished blocks), without entering Options (a move of its own, made
     * by the next step). Fails where {@link #settle} fails.
     */
    Checked<Position> anticipate(Order order, Workflow workflow) {
        return settle(order, workflow, order.position(), false);
    }

    private Checked<Position> settle(Order order, Workflow workflow, Position from, boolean entersOptionsAtItsPosition) {
        Position p = from;
        Set<Position> visited = new HashSet<>();
        for (int step = 0; step < MAX_STEPS; step++) {
            if (!visited.add(p)) {
                return Checked.fail(Problem.of("MoveLoop", "Order " + order.id() + " loops at " + p));
            }
            if (ctx.isStopPosition(order, workflow, p)) {
                return Checked.ok(p);
            }
            Checked<Instruction> checked = workflow.instruction(p);
            if (checked.isFail()) {
                return Checked.fail(checked.problemOption().orElseThrow());
            }
            Instruction instruction = checked.orThrow();
            boolean isEnd = MotorContext.isEnd(workflow, p);
            if (!isEnd && ctx.isBreakpoint(order, p)) {
                return Checked.ok(p);
            }
            if (!isEnd && ctx.isSkipped(workflow, instruction)) {
                p = p.increment();
                continue;
            }
            if (instruction.kind() == Instruction.Kind.OPTIONS && (!entersOptionsAtItsPosition || !p.equals(order.position()))) {
                return Checked.ok(p); // as JS7 (recorded): entering Options is a move of its own
            }
            if (instruction instanceof Instruction.If ifInstruction) {
                Checked<Optional<BranchId>> branch = ifBranch(order, workflow, p, ifInstruction);
                if (branch.isFail()) {
                    return Checked.fail(branch.problemOption().orElseThrow());
                }
            }
            Optional<Position> next = pureMove(order, workflow, p, instruction);
            if (next.isEmpty()) {
                return Checked.ok(p);
            }
            p = next.get();
        }
        return Checked.fail(Problem.of("MoveLoop", "Order " + order.id() + " does not settle"));
    }

    /** The position a pure instruction leads to, or empty when the instruction needs an event. */
    private Optional<Position> pureMove(Order order, Workflow workflow, Position p, Instruction instruction) {
        switch (instruction.kind()) {
            case IF:
                return ifBranch(order, workflow, p, (Instruction.If) instruction).toOptional()
                        .map(branch -> branch.map(p::enter).orElseGet(p::increment));
            case TRY:
                return Optional.of(p.enter(BranchId.tryBranch(0)));
            case OPTIONS:
                return Optional.of(p.enter(BranchId.OPTIONS));
            case ADMISSION_TIME: {
                var a = (Instruction.AdmissionTime) instruction;
                if (AdmissionTimeExecutor.skipsForOrderDay(ctx, order, workflow, a)) {
                    return Optional.of(p.increment());
                }
                return a.admissionTimeScheme().isAdmitted(ctx.now(), workflow.timeZone())
                        ? Optional.of(p.enter(BranchId.ADMISSION_TIME)) : Optional.empty();
            }
            case END:
            case IMPLICIT_END:
                return leaveBlock(workflow, p);
            case EXECUTE_NAMED:
            case EXECUTE_ANONYMOUS:
            case FORK:
            case FORK_LIST:
            case RETRY:
            case LOCK:
            case PROMPT:
            case FINISH:
            case FAIL:
            case POST_NOTICES:
            case EXPECT_NOTICES:
            case CONSUME_NOTICES:
            case CYCLE:
            case BREAK:
            case ADD_ORDER:
            case STICKY_SUBAGENT:
            case SLEEP:
            case STOP:
                return Optional.empty();
        }
        throw new AssertionError(instruction.kind());
    }

    /** At a block's end: the next position when leaving needs no event. */
    static Optional<Position> leaveBlock(Workflow workflow, Position p) {
        if (p.isTopLevel()) {
            return Optional.empty();
        }
        BranchId branch = p.lastBranchId().orElseThrow();
        Position owner = p.parent().orElseThrow();
        boolean pure = branch.isTryOrCatch() || branch.thenIndex().isPresent() || branch.equals(BranchId.ELSE)
                || branch.equals(BranchId.OPTIONS) || branch.equals(BranchId.ADMISSION_TIME);
        return pure ? Optional.of(owner.increment()) : Optional.empty();
    }

    /** The branch of the first predicate that holds, empty when none holds and there is no else. */
    Checked<Optional<BranchId>> ifBranch(Order order, Workflow workflow, Position p, Instruction.If instruction) {
        var scope = ctx.scope(order, workflow, p);
        for (int i = 0; i < instruction.ifThens().size(); i++) {
            Checked<Boolean> holds = instruction.ifThens().get(i).predicate().evaluate(scope).flatMap(ValueConversions::asBoolean);
            if (holds.isFail()) {
                return Checked.fail(holds.problemOption().orElseThrow());
            }
            if (holds.orThrow()) {
                return Checked.ok(Optional.of(BranchId.then(i)));
            }
        }
        return Checked.ok(instruction.elseBlock().map(b -> BranchId.ELSE));
    }

}
