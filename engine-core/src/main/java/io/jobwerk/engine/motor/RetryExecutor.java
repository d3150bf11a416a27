package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.HistoricOutcome;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code Retry} (as JS7 2.9): in {@code catch+N}, {@code OrderRetrying} at the Retry instruction, then
 * {@code OrderMoved} to the start of {@code try+(N+1)} (after a delay: when it is due, with
 * {@code OrderAwoke} first); once the Try's {@code maxTries} are used up, the last failure fails the
 * order again; a Retry outside a catch block breaks the order.
 */
final class RetryExecutor {
    private RetryExecutor() {}

    static List<OrderEvent> retry(Step step) {
        List<Position.Segment> path = step.position().branchPath();
        OptionalInt i = innermostCatch(path);
        if (i.isEmpty()) {
            return List.of(new OrderEvent.OrderBroken(Optional.of(Problem.of("MisplacedRetry", "Retry outside a catch block"))));
        }
        var tryInstruction = (Instruction.Try) step.workflow().instruction(MotorContext.owner(path, i.getAsInt())).orThrow();
        int retry = path.get(i.getAsInt()).branchId().catchRetry().orElse(0) + 1;
        if (tryInstruction.maxTries().isEmpty() || retry < tryInstruction.maxTries().get()) {
            long delayMillis = tryInstruction.retryDelay(retry).movePointRight(3).longValue();
            if (delayMillis > 0) {
                return List.of(new OrderEvent.OrderRetrying(Optional.of(step.ctx().now().plusMillis(delayMillis))));
            }
            // as JS7 (recorded): without a delay the move into the next try goes on through the moves
            // after it (a Try there is entered in the same move); after a delay it does not
            List<OrderEvent> events = new ArrayList<>();
            events.add(new OrderEvent.OrderRetrying(Optional.empty()));
            for (OrderEvent e : nextTry(step)) {
                Checked<Position> to = step.mover().settle(step.order(), step.workflow(), ((OrderEvent.OrderMoved) e).to());
                if (to.isFail()) {
                    return Anticipation.failOrBreak(step, to.problemOption().orElseThrow());
                }
                events.add(new OrderEvent.OrderMoved(to.orThrow(), Optional.empty()));
            }
            return events;
        }
        Outcome lastFailure = step.order().historicOutcomes().stream().map(HistoricOutcome::outcome)
                .filter(o -> !o.isSucceeded()).reduce((a, b) -> b).orElse(Outcome.failed());
        return FailureHandler.fail(step.order(), step.workflow(), step.position(), lastFailure);
    }

    /** At a Retry instruction in {@code catch+N}: the move to the start of {@code try+(N+1)}. */
    static List<OrderEvent> nextTry(Step step) {
        List<Position.Segment> path = step.position().branchPath();
        OptionalInt i = innermostCatch(path);
        if (i.isEmpty()) {
            return List.of();
        }
        int retry = path.get(i.getAsInt()).branchId().catchRetry().orElse(0) + 1;
        return List.of(new OrderEvent.OrderMoved(MotorContext.owner(path, i.getAsInt()).enter(BranchId.tryBranch(retry), 0),
                Optional.empty()));
    }

    private static OptionalInt innermostCatch(List<Position.Segment> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).branchId().isCatch()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }
}
