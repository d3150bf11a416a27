package io.jobwerk.engine.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.LockPath;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockStateTest {

    private static final Optional<Integer> EXCLUSIVE = Optional.empty();
    private static final OrderId A = new OrderId("A");
    private static final OrderId B = new OrderId("B");
    private static final OrderId C = new OrderId("C");

    private static LockState lock(int limit) {
        return LockState.of(new Item.LockItem(new LockPath("LOCK"), limit));
    }

    private static Optional<Integer> shared(int count) {
        return Optional.of(count);
    }

    @Test
    void exclusiveHolderUsesTheWholeLimit() {
        LockState lock = lock(3).acquire(A, EXCLUSIVE);

        assertThat(lock.usedCount()).isEqualTo(3);
        assertThat(lock.isHeldExclusively()).isTrue();
        assertThat(lock.obstacle(B, shared(1))).isPresent();
    }

    @Test
    void sharedHoldersAddUpToTheLimit() {
        LockState lock = lock(3).acquire(A, shared(1)).acquire(B, shared(2));

        assertThat(lock.usedCount()).isEqualTo(3);
        assertThat(lock.isHeldExclusively()).isFalse();
        assertThat(lock.obstacle(C, shared(1))).hasValueSatisfying(s -> assertThat(s).contains("not enough capacity"));
    }

    @Test
    void sharedDemandFitsBesideOtherSharedHolders() {
        assertThat(lock(3).acquire(A, shared(1)).obstacle(B, shared(2))).isEmpty();
    }

    @Test
    void exclusiveDemandNeedsTheLockFree() {
        assertThat(lock(3).acquire(A, shared(1)).obstacle(B, EXCLUSIVE)).hasValueSatisfying(s -> assertThat(s).contains("in use"));
        assertThat(lock(3).obstacle(B, EXCLUSIVE)).isEmpty();
    }

    @Test
    void demandAboveTheLimitIsRefused() {
        assertThat(lock(2).obstacle(A, shared(3))).hasValueSatisfying(s -> assertThat(s).contains("limit 2"));
    }

    @Test
    void holderCannotAcquireTwice() {
        assertThat(lock(3).acquire(A, shared(1)).obstacle(A, shared(1))).hasValueSatisfying(s -> assertThat(s).contains("already held"));
    }

    @Test
    void onlyTheFirstQueuedOrderMayAcquire() {
        LockState lock = lock(3).enqueue(B).enqueue(C);

        assertThat(lock.obstacle(C, shared(1))).hasValueSatisfying(s -> assertThat(s).contains("queued by order B"));
        assertThat(lock.obstacle(B, shared(1))).isEmpty();
    }

    @Test
    void unqueuedOrderCannotOvertakeTheQueue() {
        assertThat(lock(3).enqueue(B).obstacle(A, shared(1))).isPresent();
    }

    @Test
    void acquiringLeavesTheQueueSoTheNextMayAcquire() {
        LockState lock = lock(3).enqueue(B).enqueue(C).acquire(B, shared(1));

        assertThat(lock.queue()).containsExactly(C);
        assertThat(lock.obstacle(C, shared(1))).isEmpty();
    }

    @Test
    void enqueueIsIdempotent() {
        assertThat(lock(1).enqueue(B).enqueue(B).queue()).containsExactly(B);
    }

    @Test
    void releaseFreesTheCapacity() {
        LockState lock = lock(1).acquire(A, EXCLUSIVE).release(A);

        assertThat(lock.holders()).isEmpty();
        assertThat(lock.obstacle(B, EXCLUSIVE)).isEmpty();
    }

    @Test
    void dequeueRemovesOnlyFromTheQueue() {
        LockState lock = lock(2).acquire(A, shared(1)).enqueue(B).dequeue(B);

        assertThat(lock.queue()).isEmpty();
        assertThat(lock.holders()).containsOnlyKeys(A);
    }
}
