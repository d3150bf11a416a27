package io.jobwerk.engine.order;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.Value;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The states of an order, as JS7's {@code Order.State}; JSON {@code {"TYPE":"Processing",…}}.
 *
 * <p>This interface declares no default method (they are in {@link OrderStateQueries}): creating a
 * state then never initialises this interface, whose constants create states. Otherwise a thread
 * creating a {@code Finished} while another initialised {@code OrderState} deadlocked, each waiting
 * for the other's class initialisation (the standalone's Controller and Agent recovering at once).
 */
public sealed interface OrderState extends OrderStateQueries {

    enum Kind {
        FRESH, READY, PROCESSING, PROCESSED, PROCESSING_KILLED, DELAYING_RETRY, DELAYED_AFTER_ERROR, FORKED,
        WAITING_FOR_LOCK, EXPECTING_NOTICES, BETWEEN_CYCLES, PROMPTING, SLEEPING, WAITING_FOR_ADMISSION,
        BROKEN, FAILED, FAILED_WHILE_FRESH, FAILED_IN_FORK, STOPPED, STOPPED_WHILE_FRESH, FINISHED, CANCELLED, DELETED;

        /** The JSON TYPE, e.g. {@code WaitingForLock}. */
        public String typeName() {
            return typeName;
        }

        private final String typeName = io.jobwerk.engine.base.Names.camelCase(name());
    }

    @Override
    Kind kind();

    record Fresh() implements OrderState {
        @Override public Kind kind() { return Kind.FRESH; }
    }

    record Ready() implements OrderState {
        @Override public Kind kind() { return Kind.READY; }
    }

    record Processing(SubagentId subagentId) implements OrderState {
        public Processing {
            Objects.requireNonNull(subagentId, "subagentId");
        }

        @Override public Kind kind() { return Kind.PROCESSING; }
    }

    record Processed() implements OrderState {
        @Override public Kind kind() { return Kind.PROCESSED; }
    }

    record ProcessingKilled() implements OrderState {
        @Override public Kind kind() { return Kind.PROCESSING_KILLED; }
    }

    record DelayingRetry(Instant until) implements OrderState {
        public DelayingRetry {
            Objects.requireNonNull(until, "until");
        }

        @Override public Kind kind() { return Kind.DELAYING_RETRY; }
    }

    record DelayedAfterError(Instant until) implements OrderState {
        public DelayedAfterError {
            Objects.requireNonNull(until, "until");
        }

        @Override public Kind kind() { return Kind.DELAYED_AFTER_ERROR; }
    }

    /** A child order of a fork: its id and (for Fork) its branch id. */
    /** A fork's child: its branch (Fork) or its arguments (ForkList), as JS7 keeps them in the state. */
    record Child(OrderId orderId, Optional<String> branchId, java.util.Map<String, Value> arguments) {
        public Child {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(branchId, "branchId");
            arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        }

        public Child(OrderId orderId, Optional<String> branchId) {
            this(orderId, branchId, java.util.Map.of());
        }
    }

    record Forked(List<Child> children) implements OrderState {
        public Forked {
            children = List.copyOf(children);
        }

        @Override public Kind kind() { return Kind.FORKED; }
    }

    record WaitingForLock() implements OrderState {
        @Override public Kind kind() { return Kind.WAITING_FOR_LOCK; }
    }

    /** As JS7: the notices expected ({@code noticeIds}); a snapshot before they were kept has only the boards, with empty keys. */
    record ExpectingNotices(List<io.jobwerk.engine.board.NoticeId> noticeIds) implements OrderState {
        public ExpectingNotices {
            noticeIds = List.copyOf(noticeIds);
        }

        public List<BoardPath> boardPaths() {
            return noticeIds.stream().map(io.jobwerk.engine.board.NoticeId::boardPath).distinct().toList();
        }

        @Override public Kind kind() { return Kind.EXPECTING_NOTICES; }
    }

    /** Waiting for the next cycle; {@code next} is when it starts (empty when the cycle must be prepared anew). */
    record BetweenCycles(Optional<CycleState> cycleState) implements OrderState {
        public BetweenCycles {
            Objects.requireNonNull(cycleState, "cycleState");
        }

        @Override public Kind kind() { return Kind.BETWEEN_CYCLES; }
    }

    record Prompting(Value question) implements OrderState {
        public Prompting {
            Objects.requireNonNull(question, "question");
        }

        @Override public Kind kind() { return Kind.PROMPTING; }
    }

    record Sleeping(Instant until) implements OrderState {
        public Sleeping {
            Objects.requireNonNull(until, "until");
        }

        @Override public Kind kind() { return Kind.SLEEPING; }
    }

    record WaitingForAdmission(Instant until) implements OrderState {
        public WaitingForAdmission {
            Objects.requireNonNull(until, "until");
        }

        @Override public Kind kind() { return Kind.WAITING_FOR_ADMISSION; }
    }

    record Broken(Optional<Problem> problem) implements OrderState {
        public Broken {
            Objects.requireNonNull(problem, "problem");
        }

        @Override public Kind kind() { return Kind.BROKEN; }
    }

    record Failed() implements OrderState {
        @Override public Kind kind() { return Kind.FAILED; }
    }

    record FailedWhileFresh() implements OrderState {
        @Override public Kind kind() { return Kind.FAILED_WHILE_FRESH; }
    }

    record FailedInFork() implements OrderState {
        @Override public Kind kind() { return Kind.FAILED_IN_FORK; }
    }

    record Stopped() implements OrderState {
        @Override public Kind kind() { return Kind.STOPPED; }
    }

    record StoppedWhileFresh() implements OrderState {
        @Override public Kind kind() { return Kind.STOPPED_WHILE_FRESH; }
    }

    record Finished() implements OrderState {
        @Override public Kind kind() { return Kind.FINISHED; }
    }

    record Cancelled() implements OrderState {
        @Override public Kind kind() { return Kind.CANCELLED; }
    }

    record Deleted() implements OrderState {
        @Override public Kind kind() { return Kind.DELETED; }
    }

    OrderState FRESH = new Fresh();
    OrderState READY = new Ready();
    OrderState PROCESSED = new Processed();
    OrderState PROCESSING_KILLED = new ProcessingKilled();
    OrderState WAITING_FOR_LOCK = new WaitingForLock();
    OrderState FAILED = new Failed();
    OrderState FAILED_WHILE_FRESH = new FailedWhileFresh();
    OrderState FAILED_IN_FORK = new FailedInFork();
    OrderState STOPPED = new Stopped();
    OrderState STOPPED_WHILE_FRESH = new StoppedWhileFresh();
    OrderState FINISHED = new Finished();
    OrderState CANCELLED = new Cancelled();
    OrderState DELETED = new Deleted();
}
