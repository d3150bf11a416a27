package io.jobwerk.engine.order;

import io.jobwerk.engine.workflow.Position;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's request that could not be carried out at once (e.g. the order is processing) and
 * waits on the order: cancel, suspend, resume, go.
 */
public sealed interface OrderMark {

    enum Kind { CANCELLING, SUSPENDING, RESUMING, GO }

    Kind kind();

    record Cancelling(CancellationMode mode) implements OrderMark {
        public Cancelling {
            Objects.requireNonNull(mode, "mode");
        }

        @Override public Kind kind() { return Kind.CANCELLING; }
    }

    record Suspending(SuspensionMode mode) implements OrderMark {
        public Suspending {
            Objects.requireNonNull(mode, "mode");
        }

        @Override public Kind kind() { return Kind.SUSPENDING; }
    }

    record Resuming(Optional<Position> position, List<HistoryOperation> historyOperations, boolean asSucceeded,
                    boolean restartKilledJob) implements OrderMark {
        public Resuming {
            Objects.requireNonNull(position, "position");
            historyOperations = List.copyOf(historyOperations);
        }

        @Override public Kind kind() { return Kind.RESUMING; }
    }

    record Go(Position position) implements OrderMark {
        public Go {
            Objects.requireNonNull(position, "position");
        }

        @Override public Kind kind() { return Kind.GO; }
    }
}
