package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.workflow.Instruction;
import java.util.List;
import java.util.Optional;

/**
 * {@code Lock}: all demands are acquired at once ({@code OrderLocksAcquired}, entering the block)
 * when every lock is available and no other order is queued before this one; otherwise the order
 * queues ({@code OrderLocksQueued}) and acquires when asked again after the locks are free. A demand
 * above a lock's limit, an unknown lock, or a lock the order holds already (a Lock of the same lock
 * inside), fails the order. The block's end releases the locks.
 */
final class LockExecutor {
    private LockExecutor() {}

    /** At the Lock instruction, Ready or WaitingForLock. */
    static List<OrderEvent> acquireOrQueue(Step step, Instruction.Lock lock) {
        boolean queued = false;
        for (Instruction.LockDemand demand : lock.demands()) {
            var checked = step.ctx().state().lock(demand.lockPath());
            if (checked.isFail()) {
                return step.failWith(checked.problemOption().orElseThrow());
            }
            LockState state = checked.orThrow();
            if (state.holders().containsKey(step.order().id())) {
                // a Lock inside a Lock of the same lock would wait for itself for ever (as JS7, refused)
                return step.failWith(Problem.of("LockAlreadyAcquiredByThisOrder",
                        "Lock '" + demand.lockPath() + "' has already been acquired by order '" + step.order().id() + "'"));
            }
            if (demand.count().isPresent() && demand.count().get() > state.lock().limit()) {
                return step.failWith(Problem.of("LockLimitExceeded", state.obstacle(step.order().id(), demand.count()).orElseThrow()));
            }
            queued |= state.obstacle(step.order().id(), demand.count()).isPresent();
        }
        if (!queued) {
            return List.of(new OrderEvent.OrderLocksAcquired(lock.demands()));
        }
        return step.order().state() instanceof io.jobwerk.engine.order.OrderState.WaitingForLock
                ? List.of() : List.of(new OrderEvent.OrderLocksQueued(lock.demands()));
    }

    /** At the end of the locked block. */
    static List<OrderEvent> release(Instruction.Lock lock) {
        return List.of(new OrderEvent.OrderLocksReleased(lock.demands().stream().map(Instruction.LockDemand::lockPath).toList()));
    }

    static Optional<Instruction.Lock> asLock(Instruction instruction) {
        return instruction instanceof Instruction.Lock l ? Optional.of(l) : Optional.empty();
    }
}
